// Plasmo inlines PLASMO_PUBLIC_* variables at build time; nothing else of `process` exists in the
// bundle, and Node's types are not loaded for extension sources.
declare namespace NodeJS {
  interface ProcessEnv {
    readonly PLASMO_PUBLIC_REGISTRY_URL?: string;
    readonly PLASMO_PUBLIC_REGISTRY_PUBLIC_KEY?: string;
  }
  interface Process {
    readonly env: ProcessEnv;
  }
}
// eslint-disable-next-line no-var
declare var process: NodeJS.Process;
