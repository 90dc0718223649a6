/** Vite's `?raw` imports (a file's text), as the declarative API test reads the README's example manifest. */
declare module "*?raw" {
  const text: string;
  export default text;
}
