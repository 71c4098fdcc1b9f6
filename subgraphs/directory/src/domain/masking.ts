/** 13812341234 → 138****1234: enough to recognise a number, not to call it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}

/** 350105194912310021 → 350105********0021: the district stays, the birth date goes. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '***';
}
