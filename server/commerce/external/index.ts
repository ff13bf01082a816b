// External stores and their signed order webhook.
export { createExternalStore, listExternalStores } from "./create-store";
export { ingestExternalOrder, isValidSignature, signBody, SIGNATURE_HEADER, type IngestResult } from "./ingest-external-order";
export { createStoreSchema, externalOrderSchema, type CreateStoreInput, type ExternalOrderInput, type StoreView } from "./schemas";
