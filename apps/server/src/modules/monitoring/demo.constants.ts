/** Codes of the demo indicators (the public portal shows the population one). */
export const DEMO_POPULATION_INDICATOR = 'bevoelkerung_altersgruppen';
export const DEMO_DAYCARE_INDICATOR = 'kinder_in_betreuung';
export const DEMO_RATE_INDICATOR = 'betreuungsquote_u3';
