// Stylesheets mean nothing to jsdom: every `import './x.css'` resolves here in jest.
module.exports = {};
