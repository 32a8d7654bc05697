// ESLint's settings for our JavaScript (run by tests/test_browser_code.py, so `make test` fails
// on a finding). Paths are from the project's root, where the test runs ESLint.
// The rules are ESLint's recommended ones (undefined names, unused variables, unreachable code...)
// and those below, each for a mistake this site must not make.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

// The project's rules that a script could break: nothing stored on the reader's device (no
// cookies, no storage) and data shown as text, never parsed as HTML (no innerHTML and kin).
const NOTHING_STORED = [
  { name: "localStorage", message: "Nothing is stored on the reader's device." },
  { name: "sessionStorage", message: "Nothing is stored on the reader's device." },
  { name: "indexedDB", message: "Nothing is stored on the reader's device." },
];
const NO_HTML_STRINGS = ["innerHTML", "outerHTML", "insertAdjacentHTML", "write", "writeln"].map((property) => ({
  selector: `MemberExpression[property.name='${property}']`,
  message: `${property}: build elements (helpers.el) and set textContent; text from a page is never parsed as HTML.`,
}));
const COOKIE = { selector: "MemberExpression[property.name='cookie']", message: "Nothing is stored on the reader's device." };

const MISTAKES = {
  eqeqeq: "error",
  "no-implicit-globals": "error", // a classic script's top-level names are everyone's
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-shadow": "error",
  "no-use-before-define": ["error", { functions: false }],
  "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
  "no-restricted-globals": ["error", ...NOTHING_STORED],
  "no-restricted-syntax": ["error", ...NO_HTML_STRINGS, COOKIE],
  strict: ["error", "safe"], // each script's function; a CommonJS file's top
};

module.exports = [
  { ignores: ["overrides/assets/javascripts/vendor/**"] },
  js.configs.recommended,
  {
    // Classic scripts for the browser (no modules: the copy opened from disk refuses them). A
    // file uses the shared helpers as `policySite` and, under Node (the unit tests), gives its
    // logic to module.exports: `module` and `require` are read there only.
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", require: "readonly" },
    },
    rules: MISTAKES,
  },
  {
    // The service worker's template: macros/service_worker.py fills in the two names. A worker's
    // global scope is its own.
    files: ["macros/sw.template.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.serviceworker, __BUILD_HASH__: "readonly", __PRECACHE__: "readonly" },
    },
    rules: { ...MISTAKES, strict: ["error", "global"], "no-implicit-globals": "off" },
  },
  {
    files: ["tests/js/**/*.js", "scripts/eslint/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: MISTAKES,
  },
];
