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
}
