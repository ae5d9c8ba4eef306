/**
 * Messages of hearings on the calendar (issue 18, item 5): the hearing types, the hearing fields
 * of the event dialog and the colour legend. zh-CN first, English with exactly the same keys.
 */
export const zh = {
  types: {
    court_session: '开庭',
    pretrial: '庭前会议',
    mediation: '调解',
    judgment: '宣判',
    meeting: '会见',
  },
  type: '庭审类型',
  court: '法院',
  courtroom: '法庭',
  courtroomHint: '按法院的叫法填写，例如 第十法庭',
  judge: '承办法官',
  linked: '此开庭由流程记录：改期会同时更新案件的开庭日期，并重新计算依赖它的期限。',
  legend: '开庭类型',
  recordedOnCase: '已改期：案件的开庭日期已更新，依赖它的期限已重新计算。',
};

export const en: typeof zh = {
  types: {
    court_session: 'Court session',
    pretrial: 'Pre-trial conference',
    mediation: 'Mediation',
    judgment: 'Judgment',
    meeting: 'Detention visit',
  },
  type: 'Hearing type',
  court: 'Court',
  courtroom: 'Courtroom',
  courtroomHint: 'As the court names it, e.g. Courtroom 10',
  judge: 'Judge',
  linked:
    "The case's process recorded this hearing: moving it also changes the case's hearing date and recomputes the deadlines that count from it.",
  legend: 'Hearing types',
  recordedOnCase: "Rescheduled: the case's hearing date is updated and the deadlines that count from it recomputed.",
};
