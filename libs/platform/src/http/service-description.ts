export interface ServiceDescription {
  /** kebab-case app name, also the logger's `service` field */
  name: string;
  description: string;
}
