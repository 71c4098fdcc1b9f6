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

  /** null once the person is erased: then only `birthYear` is kept */
  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  /** the year of birth of an erased person (null while the date itself is kept) */
  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear!: number | null;

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

  /** when the person was erased (PIPL Art. 47): the row is then a tombstone, see the PersonErasure migration */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
