// Three projects: the mini-app (jsdom + msw), the BFF (node, SQLite or TEST_DATABASE_URL) and the
// contract suite (node; the same scenarios against the msw mocks and the real BFF).
const nodeTransform = {
  '^.+\\.[jt]sx?$': [
    'babel-jest',
    {
      configFile: false,
      babelrc: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    },
  ],
};

// msw 2 ships ESM-only helpers that must be transformed; everything else in node_modules is left alone.
const esmPackages = [
  'msw',
  '@mswjs',
  '@bundled-es-modules',
  '@open-draft',
  'rettime',
  'until-async',
  'outvariant',
  'strict-event-emitter',
  'headers-polyfill',
  'is-node-process',
  'cookie',
];
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`];

module.exports = {
  // A BFF file builds a whole app on a freshly migrated database first; on a loaded 2-core machine
  // that alone passed jest's 5 s. A limit against hangs, not a measure of speed (jest reads it
  // globally: a project's own testTimeout is not applied).
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'app',
      testEnvironment: 'jest-fixed-jsdom',
      roots: ['<rootDir>/src', '<rootDir>/mock'],
      testMatch: ['**/__tests__/**/*.test.ts?(x)'],
      setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
      transform: {
        // msw's ESM-only helpers use private class members that babel-preset-taro's loose class
        // setup rejects: node_modules go through the plain Node preset, app code through Taro's.
        '/node_modules/.+\\.m?js$': nodeTransform['^.+\\.[jt]sx?$'],
        '^.+\\.[jt]sx?$': 'babel-jest',
      },
      transformIgnorePatterns,
      moduleNameMapper: {
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@contract/(.*)$': '<rootDir>/contract/$1',
        '\\.(css|scss)$': '<rootDir>/src/test-support/style-stub.js',
        // Taro needs a platform runtime: tests get plain DOM elements and a recording Taro API.
        '^@tarojs/taro$': '<rootDir>/src/test-support/taro.ts',
        '^@tarojs/components$': '<rootDir>/src/test-support/taro-components.tsx',
        // The app imports NutUI per component from its ES build; jest takes the CJS twin (whose
        // `style/css.js` is ESM despite the folder name, so style entries go to the stub).
        '^@nutui/nutui-react-taro/dist/es/.+/style/css$': '<rootDir>/src/test-support/style-stub.js',
        '^@nutui/nutui-react-taro/dist/es/(.*)$': '<rootDir>/node_modules/@nutui/nutui-react-taro/dist/cjs/$1',
      },
    },
    {
      displayName: 'bff',
      testEnvironment: 'node',
      roots: ['<rootDir>/bff'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTransform,
      transformIgnorePatterns,
      moduleNameMapper: { '^@contract/(.*)$': '<rootDir>/contract/$1' },
    },
    {
      displayName: 'contract',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/contract'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTransform,
      transformIgnorePatterns,
      moduleNameMapper: { '^@contract/(.*)$': '<rootDir>/contract/$1' },
    },
  ],
};
