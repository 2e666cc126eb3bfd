// Vite turns `import './styles.css'` into an emitted stylesheet; tell TypeScript the import exists.
declare module '*.css' {}
