// The mini-app's Babel set-up (Taro). Node-side code (bff/, test/) is transformed by jest's own
// preset list in jest.config.js, so this file only serves Taro builds and the app's jest project.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
};
