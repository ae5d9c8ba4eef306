export * from './civil-date';
export * from './iso-duration';
export * from './holiday-calendar';
export * from './periods';
export * from './catalogue';
export * from './due-rules';
export * from './task-schedule';
export * from './timer-instant';
