/** 13812341234 → 138****1234: enough to recognise a number, not to call it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}

/** 350105194912310021 → 350105********0021: the district stays, the birth date goes. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '***';
}

/** 张小明 → 张*明, 李四 → 李*, 欧阳娜娜 → 欧**娜: the surname and the last character stay, as names are masked in China. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
