// Svelte compiler options shared by vite, svelte-check and the editor.
// Runes mode everywhere: components use $state/$derived/$props, never legacy `let`/`$:`.
// No preprocessor: Svelte 5 strips TypeScript types itself, and we use no TS-only runtime
// features (enums, decorators) in components.
export default {
  compilerOptions: {
    runes: true,
  },
};
