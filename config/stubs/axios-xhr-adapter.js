// Mini-program builds: axios's XHR adapter cannot run there (no XMLHttpRequest) and the app
// brings its own adapter over Taro.request (src/shared/http/taro-adapter.ts). `false` is how axios
// itself marks an adapter the environment does not support. (ES5: this file skips Babel.)
export default false;
