// `fs`, `util` and `url` in the browser bundle. Only typed linting (a TypeScript program, tsconfig
// files, globbing for projects) reads them, and the playground never asks for it, so nothing here is
// ever called; a missing function fails loudly if that changes.
module.exports = {};
