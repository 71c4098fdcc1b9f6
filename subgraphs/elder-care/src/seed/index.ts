import type { DataSource } from 'typeorm';
import type { SeedOptions } from '@civic/shared';

export async function seedElderCare(_db: DataSource, _options: SeedOptions): Promise<void> {}
