/** The colour of an invoice's status chip, one place for the list and the detail. */
export const statusColor = (s: string): string | undefined =>
  ({ draft: 'grey', issued: 'primary', partly_paid: 'warning', paid: 'success', void: 'error' })[s];
