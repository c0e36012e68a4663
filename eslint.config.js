import js from "@eslint/js";
import globals from "globals";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "test-results/**", "playwright-report/**", "tests/.tmp/**", "tests/.e2e/**", "data/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Code the browser can load (components, routes' modules, client-safe modules) never imports
    // the database, the schema or lucia by value: lists of values live in client-safe modules.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#db/|drizzle-orm|lucia$|@lucia-auth/|better-sqlite3$|(\\.\\./)+db/)",
              allowTypeImports: true,
              message: "Browser code must not import the database, the schema or lucia: put the values in a client-safe module.",
            },
          ],
        },
      ],
    },
  },
  {
    // Only the sanitized Markdown renderer may inject HTML (security baseline 16).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/modules/markdown/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Only the sanitized Markdown renderer may set inner HTML." },
      ],
    },
  },
);
