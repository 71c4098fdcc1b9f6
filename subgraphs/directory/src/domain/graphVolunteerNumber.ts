/**
 * The graph's own volunteer number, for a volunteer who has no national one
 * (全国志愿服务信息系统): `CGV`, an 8-digit serial from a sequence that never
 * reuses a value (migration VolunteerRecords), and two check digits of ISO 7064
 * MOD 97-10 over the serial (as IBAN's), so a mistyped number is caught on sight:
 * `CGV00000001` + `95` → CGV0000000195. The database draws it
 * (directory.next_graph_volunteer_number()); this module checks one.
 */
export const GRAPH_NUMBER_SHAPE = /^CGV([0-9]{8})([0-9]{2})$/;

/** The two check digits of a serial: 98 − (serial × 100 mod 97). */
export function graphNumberCheck(serial: number): string {
  return String(98 - ((serial * 100) % 97)).padStart(2, '0');
}

/** Whether a number has the graph's own shape (whatever its check digits). */
export const looksLikeGraphNumber = (number: string): boolean => /^CGV[0-9]{10}$/.test(number);

/** Whether a number is one the graph could have given: its shape and its check digits. */
export function isGraphVolunteerNumber(number: string): boolean {
  const match = GRAPH_NUMBER_SHAPE.exec(number);
  return match !== null && graphNumberCheck(Number(match[1])) === match[2];
}
