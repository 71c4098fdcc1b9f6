import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 志愿者: a person registered to volunteer, with their community, skills and week. */
@Entity({ name: 'volunteer' })
export class Volunteer {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** the community (12-digit code) the volunteer serves */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'text', array: true })
  skills!: string[];

  @Column({ type: 'text', array: true })
  availability!: string[];

  @Column({ name: 'volunteer_number', type: 'varchar', length: 20, nullable: true })
  volunteerNumber!: string | null;

  /** the graph's own number (CGV…), given at registration, never reused; null once the person is erased */
  @Column({ name: 'graph_number', type: 'varchar', length: 13, nullable: true, insert: false, update: false })
  graphNumber!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
