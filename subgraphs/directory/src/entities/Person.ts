import { Column, Entity, PrimaryColumn } from 'typeorm';

export type Gender = 'MALE' | 'FEMALE';

/** 居民: the one identity of elders, veterans and volunteers, and all their personal data. */
@Entity({ name: 'person' })
export class Person {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  gender!: Gender;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'varchar', length: 11, nullable: true })
  phone!: string | null;

  /** AES-256-GCM ciphertext of the 18-digit ID number (see domain/idNumberCipher.ts) */
  @Column({ name: 'id_number_sealed', type: 'bytea', nullable: true })
  idNumberSealed!: Buffer | null;

  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode!: string;

  /** false once marked as having no phone at all: others act for them */
  @Column({ name: 'has_phone', type: 'boolean', default: true })
  hasPhone!: boolean;

  /** who acts for a person without a phone (a carer, relative or volunteer), when known */
  @Column({ name: 'acted_for_by', type: 'uuid', nullable: true })
  actedForBy!: string | null;
}
