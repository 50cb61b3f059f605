// Mini-program builds: no fetch API there; see axios-xhr-adapter.js. (ES5: this file skips Babel.)
export var getFetch = function () {
  return false;
};
export default false;
