import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@civic/shared';

/** 行政区划: one row per province, city, district, street/town and community/village. */
@Entity({ name: 'region' })
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: RegionLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode!: string | null;
}
