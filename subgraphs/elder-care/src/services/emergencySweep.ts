import path from 'node:path';
import type { DataSource } from 'typeorm';
import { notify, queryGraph, serviceLogger, serviceOperation, type BackgroundJob, type GraphServices } from '@civic/shared';
import { emergencyNotices, ESCALATE_AFTER_MS } from '../domain/emergency';
import { emergencyRepository, type EmergencyRow } from '../repositories/emergencies';

const logger = serviceLogger('elder-care');
const asked = (name: string) => serviceOperation(path.join(__dirname, '..', '..', 'service-operations', `${name}.graphql`));
const STATION_STAFF = asked('EmergencyStationStaff');
const OFFICERS = asked('EmergencyOfficers');

/** Who an emergency is sent to beyond the elder's family, as the other subgraphs know them. */
export interface EmergencyContacts {
  /** the managers and the people on duty at the nearest station to a community, now */
  stationStaff(communityCode: string, at: Date): Promise<string[]>;
  /** the officers appointed for each region code */
  officers(codes: string[]): Promise<string[]>;
}

/** Asked through the gateway as elder care itself: neighbour-stations for the staff, the directory for officers. */
export const graphContacts = (services: GraphServices): EmergencyContacts => ({
  async stationStaff(communityCode, at) {
    const { stationStaffNear } = await queryGraph<{ stationStaffNear: { managerIds: string[]; onDutyIds: string[] } | null }>(
      services,
      'the station staff on duty',
      STATION_STAFF,
      { communityCode, at: at.toISOString() },
    );
    return stationStaffNear ? [...stationStaffNear.onDutyIds, ...stationStaffNear.managerIds] : [];
  },
  async officers(codes) {
    const { regionOfficers } = await queryGraph<{ regionOfficers: { code: string; personIds: string[] }[] }>(services, 'the region officers', OFFICERS, {
      codes,
    });
    return regionOfficers.flatMap((r) => r.personIds);
  },
});

const district = (code: string) => code.slice(0, 6);

/**
 * Tells the nearest station's staff on duty and the community's officers of each
 * emergency raised since the last sweep. They are asked outside any transaction
 * (another subgraph may be slow or down: then this emergency waits for the next
 * sweep, and the family was told already); the notices and the mark are then
 * written together, the row locked and checked again, so two replicas tell nobody
 * twice (the notices' dedupe keys make sure of it too).
 */
async function tellStaff(db: DataSource, contacts: EmergencyContacts, now: Date): Promise<number> {
  const waiting: EmergencyRow[] = await emergencyRepository(db).awaitingStaff(20);
  let told = 0;
  for (const emergency of waiting) {
    try {
      const staff = await contacts.stationStaff(emergency.regionCode, now);
      const officers = await contacts.officers([emergency.regionCode]);
      await db.transaction(async (tx) => {
        const emergencies = emergencyRepository(tx);
        const row = await emergencies.lock(emergency.id);
        if (!row || row.staffNotifiedAt) return;
        await notify(tx, 'elder_care', [
          ...emergencyNotices('STAFF_ON_DUTY', staff, row.requestId, row.raisedBy),
          ...emergencyNotices(
            'COMMUNITY_OFFICER',
            officers.filter((id) => !staff.includes(id)),
            row.requestId,
            row.raisedBy,
          ),
        ]);
        await emergencies.markStaffNotified(row.id, now);
        told++;
      });
    } catch (error) {
      logger.warn({ err: error, emergencyId: emergency.id }, 'emergency not yet sent to the station staff; the next sweep retries');
    }
  }
  return told;
}

/** Escalates each emergency nobody acknowledged within 5 minutes to the officers of its district, once. */
async function escalate(db: DataSource, contacts: EmergencyContacts, now: Date): Promise<number> {
  const due = await emergencyRepository(db).dueForEscalation(new Date(now.getTime() - ESCALATE_AFTER_MS), 20);
  let escalated = 0;
  for (const emergency of due) {
    try {
      const officers = await contacts.officers([district(emergency.regionCode)]);
      await db.transaction(async (tx) => {
        const emergencies = emergencyRepository(tx);
        const row = await emergencies.lock(emergency.id);
        if (!row || row.acknowledgedAt || row.escalatedAt) return;
        await notify(tx, 'elder_care', emergencyNotices('DISTRICT_OFFICER', officers, row.requestId, row.raisedBy));
        await emergencies.markEscalated(row.id, now);
        escalated++;
      });
    } catch (error) {
      logger.warn({ err: error, emergencyId: emergency.id }, 'emergency not yet escalated; the next sweep retries');
    }
  }
  return escalated;
}

/** One sweep at `now` (the clock tests set): returns how many emergencies went to staff, and how many escalated. */
export async function sweepEmergencies(db: DataSource, contacts: EmergencyContacts, now: Date = new Date()) {
  return { told: await tellStaff(db, contacts, now), escalated: await escalate(db, contacts, now) };
}

/** Every 10 seconds: an emergency reaches the station within seconds, and escalates within 10 s of its 5 minutes. */
export const emergencySweep: BackgroundJob = {
  name: 'emergency sweep',
  everyMs: 10_000,
  runAtStart: true,
  run: (db, services) => sweepEmergencies(db, graphContacts(services)),
};
