declare namespace NodeJS {
  interface ProcessEnv {
    readonly PLASMO_PUBLIC_REGISTRY_URL?: string;
    readonly PLASMO_PUBLIC_REGISTRY_PUBLIC_KEY?: string;
  }
}
