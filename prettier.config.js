// The settings that reformat the existing code least (measured against the
// tree: each other choice tried, trailingComma "es5", arrowParens "avoid",
// objectWrap "collapse", quoteProps "consistent", bracketSameLine and the
// experimental ternaries and operator position, changed more lines). The
// rest are Prettier's defaults: 2 spaces, `(x) =>`, double quotes in JSX.
/** @type {import('prettier').Config} */
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
};
