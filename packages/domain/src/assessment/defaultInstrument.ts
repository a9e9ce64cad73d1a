import type { InstrumentContent } from '@dkbm/contract';

/**
 * The DKBM development model as shipped: framework conditions and the seven core components with
 * their guiding questions and four development types, verbatim from the source document
 * („Rahmenbedingungen für die (Weiter-)Entwicklung des DKBM“ / „Kernkomponenten des Kommunalen
 * Bildungsmanagements“, ../shared/seeds/003).
 */
export const DEFAULT_INSTRUMENT_FAMILY = 'dkbm-entwicklungsmodell';

export const DEFAULT_INSTRUMENT: InstrumentContent = {
  title: 'DKBM-Entwicklungsmodell: Selbsteinschätzung',
  description:
    'Sieben Kernkomponenten des datenbasierten kommunalen Bildungsmanagements mit je vier Entwicklungstypen, ' +
    'dazu die Rahmenbedingungen der Kommune (Ressourcen und strukturelle Aspekte).',
  source:
    'Entwicklungsmodell „Kernkomponenten des Kommunalen Bildungsmanagements“ und „Rahmenbedingungen für die ' +
    '(Weiter-)Entwicklung des DKBM“ (Transferinitiative Kommunales Bildungsmanagement)',
  components: [
    {
      key: 'strategische_ziele',
      name: 'Strategische Ziele',
      nameEn: 'Strategic goals',
      question: 'Wie werden die Bildungsziele definiert?',
      types: [
        'Bildungsbezogene Ziele zu Bildungsthemen werden situativ formuliert.',
        'Bildungsbezogene Ziele werden aus den jeweiligen Ressorts heraus für einen längeren Zeitraum geplant. Zwischen den Zielen der einzelnen Ressorts besteht kaum eine Verzahnung.',
        'Bildungsbezogene Ziele werden mit allen relevanten Ämtern definiert. Für die einzelnen Bildungsbereiche in der Kommune bestehen explizite Strategien.',
        'Bildungsbezogene Ziele werden als Teil einer kommunalen Gesamtentwicklung geplant. Es besteht eine kohärente Bildungsstrategie für die Kommune.',
      ],
    },
    {
      key: 'datenbasierung',
      name: 'Datenbasierung',
      nameEn: 'Data basis',
      question: 'Welche Daten werden der Bildungsarbeit zugrunde gelegt?',
      types: [
        'In der Kommune existieren keine ämterübergreifend erhobenen Daten. Einzelne Ressorts nutzen anlassbezogen intern verfügbare Daten.',
        'In einzelnen Ressorts werden Bildungsdaten für einzelne Themen aufbereitet und verfügbar gemacht.',
        'Kommunal verfügbare Daten zu bildungsbezogenen Themen werden von den beteiligten Ressorts kontinuierlich aufbereitet und zur Verfügung gestellt.',
        'In einem kommunalen Bildungsmonitoring werden Daten zu den relevanten Bildungsthemen systematisch erhoben und ausgewertet.',
      ],
    },
    {
      key: 'interne_kooperation',
      name: 'Interne Kooperation',
      nameEn: 'Internal cooperation',
      question: 'Wie ist die Zusammenarbeit der Ressorts organisiert?',
      types: [
        'Ressorts arbeiten in Verwaltungsroutinen zusammen. Es gibt keine systematische Zusammenarbeit zu bildungsbezogenen Themen.',
        'Zwischen einzelnen Ressorts bestehen anlassbezogene Abstimmungen zu bildungsbezogenen Themen.',
        'In gemeinsamen Gremien werden übergreifende Bildungsthemen bearbeitet und entschieden.',
        'Für Bildung relevante Ressorts arbeiten systematisch in geregelten Strukturen und definierten Prozessen zusammen.',
      ],
    },
    {
      key: 'externe_kooperation',
      name: 'Externe Kooperation',
      nameEn: 'External cooperation',
      question: 'Wie ist die Einbindung von externen Organisationen organisiert?',
      types: [
        'Externe werden als potenzielle Anspruchsberechtigte/ Antragsteller für definierte Bildungsleistungen verstanden und behandelt.',
        'Externe Organisationen werden punktuell in Bildungsfragen konsultiert.',
        'Externe Organisationen werden regelmäßig in Bildungsfragen konsultiert.',
        'Kooperation mit externen Organisationen in Bildungsfragen ist durch Gremien institutionalisiert.',
      ],
    },
    {
      key: 'koordination',
      name: 'Koordination',
      nameEn: 'Coordination',
      question: 'Wie erfolgt die Steuerung im Rahmen des DKBM?',
      types: [
        'Die Arbeit der mit Bildungsfragen befassten Ressorts wird über eine Linienstruktur mit formalen Zuständigkeiten gesteuert.',
        'Für definierte Bildungsfragen gibt es (eher informelle) Abstimmungen zwischen Ressorts bzw. Akteuren, die durch einzelne Personen getragen werden.',
        'Es existiert eine funktionierende Stelle bzw. Verantwortlichkeit, die eine Abstimmung einzelner Ressorts wirksam gestaltet.',
        'Es existiert eine funktionierende Stelle bzw. Verantwortlichkeit, die eine Abstimmung aller für Bildungsfragen zuständigen Ressorts wirksam gestaltet.',
      ],
    },
    {
      key: 'qualitaet',
      name: 'Qualität',
      nameEn: 'Quality',
      question: 'Wie wird eine nachhaltige Qualitätsentwicklung gestaltet?',
      types: [
        'Qualitätsfragen werden durch die jeweiligen Ressorts im Rahmen ihrer Zuständigkeit bearbeitet.',
        'Einzelne ressortübergreifende Themen und Projekte werden hinsichtlich ihrer Qualität überprüft.',
        'Qualitätskriterien und Verfahren der Evaluation werden in einigen Ressorts angewendet.',
        'Qualitätsentwicklung wird nach den Prinzipien eines kontinuierlichen Verbesserungsprozesses in allen relevanten Ressorts umgesetzt.',
      ],
    },
    {
      key: 'oeffentlichkeit',
      name: 'Öffentlichkeit',
      nameEn: 'Public',
      question: 'Wie werden Bildungsthemen in die Öffentlichkeit getragen?',
      types: [
        'Anfragen zu Bildungsthemen werden in definierten Routinen beantwortet.',
        'Öffentliche Anfragen werden aufgenommen und zum Ausgangspunkt für einen Dialog mit den jeweiligen Akteuren.',
        'Bildungsthemen werden punktuell proaktiv in die Öffentlichkeit getragen.',
        'Professionelles Bildungsmarketing: Kontinuierliche, gezielte und adressatenorientierte Kommunikation in die Öffentlichkeit unter Nutzung geeigneter Konzepte und Instrumente.',
      ],
    },
  ],
  frameworkConditions: [
    {
      key: 'einwohner',
      group: 'ressourcen',
      name: 'Einwohnerinnen und Einwohner',
      hint: 'Größe der Kommune',
      kind: 'number',
      unit: 'Personen',
    },
    {
      key: 'verwaltung',
      group: 'ressourcen',
      name: 'Größe der Verwaltung',
      hint: 'z. B. Beschäftigte der Kernverwaltung, Stellen im Bildungsbüro',
      kind: 'text',
      unit: null,
    },
    {
      key: 'demografie',
      group: 'struktur',
      name: 'Demografie',
      hint: 'z. B. Anteil junger Menschen, Entwicklung der Geburten',
      kind: 'text',
      unit: null,
    },
    {
      key: 'migration',
      group: 'struktur',
      name: 'Migration',
      hint: 'aktuelle Herausforderungen durch Migration',
      kind: 'text',
      unit: null,
    },
    {
      key: 'bildungsinfrastruktur',
      group: 'struktur',
      name: 'Bildungsinfrastruktur',
      hint: 'vorhandene Bildungseinrichtungen',
      kind: 'text',
      unit: null,
    },
    {
      key: 'zugaenglichkeit',
      group: 'struktur',
      name: 'Zugänglichkeit der Bildungsinfrastruktur',
      hint: 'z. B. Erreichbarkeit, Barrieren',
      kind: 'text',
      unit: null,
    },
  ],
};
