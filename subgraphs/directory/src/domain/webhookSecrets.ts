import { sealedBox, type SealedBox } from './sealedBox';

/** Partners' signing secrets, sealed under their own key derived from CIVIC_DATA_KEY: the directory signs with them, nobody reads them back. */
export const webhookSecrets = (dataKey: Buffer): SealedBox => sealedBox(dataKey, 'webhook-secret-encryption', 'directory.webhook.secret_sealed');
