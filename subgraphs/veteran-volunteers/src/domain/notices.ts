/** The veteran on a checkpoint shift hears of it 12 hours before it starts (the sweep in module.ts). */
export function shiftReminder(shift: { shiftId: string; personId: string; checkpointName: string; startsAtChina: string }) {
  return {
    recipientId: shift.personId,
    subjectType: 'CheckpointShift',
    subjectId: shift.shiftId,
    text: `提醒：您在${shift.checkpointName}的执勤将于 ${shift.startsAtChina} 开始。`,
  };
}
