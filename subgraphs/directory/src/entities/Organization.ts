import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganizationKind } from '@civic/shared';

/** 组织: government units, associations, social-work agencies, social organisations, enterprises. */
@Entity({ name: 'organization' })
export class Organization {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganizationKind;

  @Column({ name: 'region_code', type: 'varchar', length: 12, nullable: true })
  regionCode!: string | null;

  /** 统一社会信用代码 (GB 32100-2015); null for organisations recorded before it was asked for */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;

  /** the day it was deregistered; null while it is active */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn!: string | null;
}
