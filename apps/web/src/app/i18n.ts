import { createContext, useContext } from 'react';
import type { AreaLevel } from '@dkbm/contract';
import { formatNumber, MESSAGES, type Lang } from '../i18n/messages';

export type { Lang };

/** Texts of the workbench, German first. Every key must exist in both languages. */
const de = {
  appName: MESSAGES.de.appName,
  appShortName: 'DKBM',
  skipToContent: MESSAGES.de.skipToContent,
  demoBanner: MESSAGES.de.demoBanner,
  loading: 'Wird geladen …',
  connectionFailed: 'Verbindung fehlgeschlagen',
  retry: 'Erneut versuchen',
  switchLanguage: 'English',
  switchLanguageLang: 'en' as Lang,
  switchLanguageHint: 'Switch to English',
  mainNav: 'Module',
  menu: 'Menü',
  tenantSwitcher: 'Kommune wechseln',
  tenantSwitcherPlaceholder: '– Kommune auswählen –',
  myAccount: 'Mein Konto',
  signedInAs: 'Angemeldet als',
  signIn: MESSAGES.de.signIn,
  signOut: MESSAGES.de.signOut,
  email: MESSAGES.de.email,
  password: MESSAGES.de.password,
  save: 'Speichern',
  cancel: 'Abbrechen',
  saved: 'Gespeichert.',
  yes: 'ja',
  no: 'nein',
  never: 'noch nie',
  inPreparation: 'In Vorbereitung',
  noPermissionTitle: 'Keine Berechtigung',
  noPermissionTenantAdmin:
    'Keine Berechtigung: Diese Seite ist der Administration der Kommune vorbehalten. Bitte wenden Sie sich an Ihre Administration, wenn Sie Zugriff benötigen.',
  noPermissionPlatform: 'Keine Berechtigung: Diese Seite ist der Plattformadministration vorbehalten.',
  formErrorsIntro: 'Bitte prüfen Sie Ihre Eingaben:',
  requiredField: (label: string) => `Bitte „${label}“ ausfüllen.`,
  invalidEmail: 'Bitte eine gültige E-Mail-Adresse angeben.',
  passwordTooShort: (n: number) => `Das Passwort muss mindestens ${n} Zeichen lang sein.`,
  passwordsDiffer: 'Die beiden Passwörter stimmen nicht überein.',
  passwordHint: (n: number) => `mindestens ${n} Zeichen`,
  copyLink: 'Link kopieren',
  copied: 'Link in die Zwischenablage kopiert.',
  copyFailed: 'Kopieren nicht möglich. Bitte markieren Sie den Link und kopieren Sie ihn selbst.',
  validUntil: (date: string) => `Gültig bis ${date}.`,
  oneTimeNote:
    'Der Link wird nur dieses eine Mal angezeigt. Geben Sie ihn auf sicherem Weg an die Person weiter.',

  // Login
  loginTitle: 'Anmeldung',
  loginIntro: 'Melden Sie sich mit Ihrer dienstlichen E-Mail-Adresse an.',
  loginMissing: 'Bitte E-Mail-Adresse und Passwort angeben.',
  oidcLogin: 'Mit Single Sign-on anmelden',
  oidcFailed: 'Die Anmeldung über Single Sign-on ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  oidcNoAccount:
    'Zu Ihrer Single-Sign-on-Anmeldung gibt es kein aktives Konto auf dieser Plattform. Bitte wenden Sie sich an die Administration Ihrer Kommune.',
  invitationAcceptedNotice: 'Die Einladung wurde angenommen. Bitte melden Sie sich jetzt an.',
  toPublicPortal: 'Zu den öffentlichen Seiten',
  orSeparator: 'oder',

  // Start / tenants
  noTenantTitle: 'Keine Kommune zugeordnet',
  noTenantText:
    'Ihr Konto ist noch keiner Kommune zugeordnet. Bitte wenden Sie sich an die Administration Ihrer Kommune oder an die Plattformadministration, damit Sie eingeladen werden.',
  tenantNotFoundTitle: 'Kommune nicht gefunden',
  tenantNotFoundText:
    'Diese Kommune gibt es nicht oder Sie gehören ihr nicht an. Wählen Sie oben eine Ihrer Kommunen aus.',
  overview: 'Übersicht',
  greeting: (name: string) => `Guten Tag, ${name}.`,
  yourRole: 'Ihre Rolle in dieser Kommune:',
  modulesHeading: 'Module',
  publicPageHeading: 'Öffentliche Seite',
  publicPageText: 'So sieht die Öffentlichkeit Ihre Kommune:',
  publicPageLink: (name: string) => `Öffentliche Seite von ${name} öffnen`,
  administration: 'Verwaltung',

  // Modules
  moduleMonitoring: 'Monitoring',
  moduleMonitoringText: 'Kennzahlen zu Bevölkerung, Bildung und Sozialstruktur nach Raumeinheiten auswerten.',
  moduleSelfAssessment: 'Selbsteinschätzung',
  moduleSelfAssessmentText:
    'Den Entwicklungsstand des kommunalen Bildungsmanagements gemeinsam einschätzen und Schwerpunkte ableiten.',
  moduleSelfAssessmentMore:
    'Das Bildungsbüro bewertet mit seinen Partnern Handlungsfelder wie Datenbasis, Steuerung und Vernetzung und vergleicht die Ergebnisse über die Zeit.',
  moduleEntitlement: 'Rechtsanspruch & Plätze',
  moduleEntitlementText:
    'Ganztag in der Grundschule und Kita-Plätze je Schule und Sozialraum planen: Anspruch, Bedarf, Plätze und Lücke mit Szenarien.',
  moduleGoals: 'Ziele & Steuerung',
  moduleGoalsText: 'Bildungsziele festlegen, Handlungsempfehlungen ableiten und ihren Fortschritt verfolgen.',
  moduleGoalsMore:
    'Ziele werden mit Kennzahlen aus dem Monitoring verknüpft, sodass der Fortschritt ohne zusätzliche Erhebung sichtbar wird.',
  moduleReports: 'Berichte',
  moduleReportsText:
    'Bildungsberichte aus Kennzahlen, Karten und Texten zusammenstellen und veröffentlichen.',
  moduleReportsMore:
    'Berichte werden barrierefrei als Webseite und zum Druck ausgegeben und bleiben mit den zugrunde liegenden Daten verbunden.',
  moduleNetwork: 'Netzwerk',
  moduleNetworkText: 'Bildungsakteure, Gremien und Kooperationen der Kommune pflegen.',
  moduleNetworkMore:
    'Ein gemeinsames Verzeichnis zeigt, wer mit wem zusammenarbeitet und welche Gremien zu welchen Themen tagen.',
  moduleSurveys: 'Befragungen',
  moduleSurveysText: 'Befragungen planen, durchführen und auswerten.',
  moduleSurveysMore:
    'Ergebnisse fließen anonymisiert in das Monitoring ein und können nach Raumeinheiten ausgewertet werden.',
  moduleDirectory: 'Bildungswegweiser',
  modulePortal: 'Öffentliches Portal',
  modulePortalText: 'Startseite, Kontakt, Impressum, Datenschutz, Logo und Farbe – und was öffentlich ist.',
  moduleProviderOffers: 'Meine Angebote',
  moduleProviderOffersText:
    'Die Angebote Ihres Trägers im Bildungswegweiser pflegen und zur Prüfung einreichen.',
  moduleDirectoryText: 'Bildungsangebote und Lernorte für die Öffentlichkeit pflegen.',
  moduleDirectoryMore:
    'Träger tragen ihre Angebote selbst ein; Bürgerinnen und Bürger finden sie auf der öffentlichen Seite der Kommune.',
  people: 'Personen',
  settings: 'Einstellungen',
  platform: 'Plattform',

  // Monitoring
  areasHeading: 'Raumeinheiten',
  areasCaption: 'Raumeinheiten der Kommune',
  areaCode: 'Schlüssel',
  areaName: 'Name',
  areaLevel: 'Ebene',
  noAreas: 'Für diese Kommune sind noch keine Raumeinheiten angelegt.',
  indicatorsHeading: 'Indikatoren',
  indicatorsCaption: 'Indikatoren der Kommune',
  indicatorCode: 'Kürzel',
  indicatorName: 'Bezeichnung',
  indicatorUnit: 'Einheit',
  indicatorTopic: 'Thema',
  indicatorVisibility: 'Sichtbarkeit',
  visibilityPublic: 'öffentlich',
  visibilityInternal: 'intern',
  noIndicators: 'Für diese Kommune sind noch keine Indikatoren angelegt.',
  latestValuesHeading: (name: string) => `${name}: neuester Stand`,
  latestValuesCaption: (name: string, period: string) =>
    `${name} am ${period} nach Raumeinheit, summiert über alle Altersgruppen`,
  value: 'Wert',
  total: MESSAGES.de.total,
  noObservations: 'Für diesen Indikator liegen noch keine Werte vor.',

  // People
  peopleListHeading: 'Personen und Rollen',
  peopleCaption: 'Personen mit Zugang zu dieser Kommune',
  colName: 'Name',
  colEmail: 'E-Mail',
  colRole: 'Rolle',
  colStatus: 'Status',
  colLastLogin: 'Letzte Anmeldung',
  colActions: 'Aktionen',
  statusActive: 'Aktiv',
  statusInactive: 'Deaktiviert',
  statusLocked: 'Konto gesperrt',
  roleSelectFor: (name: string) => `Zugriffsrecht von ${name}`,
  saveRoleFor: (name: string) => `für ${name}`,
  roleChanged: (name: string, role: string) => `${name} hat jetzt die Rolle „${role}“.`,
  deactivate: 'Deaktivieren',
  deactivateConfirm: 'Deaktivierung bestätigen',
  deactivateQuestion: (name: string) =>
    `${name} wirklich deaktivieren? Die Person kann sich dann nicht mehr in dieser Kommune anmelden.`,
  deactivated: (name: string) => `${name} wurde deaktiviert.`,
  reactivate: 'Reaktivieren',
  reactivated: (name: string) => `${name} wurde reaktiviert.`,
  resetPassword: 'Passwort zurücksetzen',
  forPerson: (name: string) => `für ${name}`,
  resetLinkLabel: (name: string) => `Rücksetz-Link für ${name}`,
  resetLinkNote:
    'Die Person wurde abgemeldet. Der Link wird nur dieses eine Mal angezeigt; geben Sie ihn auf sicherem Weg weiter.',
  addPersonHeading: 'Person hinzufügen',
  addPersonSubmit: 'Person hinzufügen',
  addMode: 'Art der Aufnahme',
  addModePassword: 'Mit Startpasswort anlegen',
  addModeInvite: 'Per Link einladen',
  personName: 'Name',
  role: 'Rolle',
  startPassword: 'Startpasswort',
  personCreated: (name: string) =>
    `${name} wurde angelegt. Teilen Sie der Person das Startpasswort auf sicherem Weg mit.`,
  invitationLinkLabel: (email: string) => `Einladungslink für ${email}`,
  invitationsHeading: 'Offene Einladungen',
  invitationsCaption: 'Einladungen, die noch nicht angenommen wurden',
  noInvitations: 'Keine offenen Einladungen.',
  colInvitedAt: 'Eingeladen am',
  colExpires: 'Gültig bis',
  revoke: 'Zurückziehen',
  revoked: (email: string) => `Die Einladung an ${email} wurde zurückgezogen.`,

  // Settings
  settingsSaved: 'Die Einstellungen wurden gespeichert.',
  tenantName: 'Name',
  tenantType: 'Art der Kommune',
  ags: 'Amtlicher Gemeindeschlüssel (AGS)',
  agsHint: '2, 3, 5 oder 8 Ziffern; leer lassen, wenn nicht zutreffend',
  agsInvalid: 'Der AGS besteht aus 2, 3, 5 oder 8 Ziffern.',
  colorPicker: 'Farbe (Auswahl)',
  colorText: 'Farbe als Hex-Wert',
  colorHint:
    'Format #RRGGBB; leer lassen für die Standardfarbe. Die Farbe schmückt Kopfzeile und öffentliche Seite.',
  colorInvalid: 'Die Farbe muss im Format #RRGGBB angegeben werden.',
  logo: 'Logo',
  logoUpload: 'Logo hochladen',
  logoHint: 'PNG, JPEG, SVG oder WebP, höchstens 256 KB',
  logoTooLarge: 'Das Logo ist größer als 256 KB.',
  logoWrongType: 'Das Logo muss eine PNG-, JPEG-, SVG- oder WebP-Datei sein.',
  logoPreview: (name: string) => `Logo von ${name} (Vorschau)`,
  logoNone: 'Kein Logo hinterlegt.',
  logoRemove: 'Logo entfernen',
  saveSettings: 'Einstellungen speichern',

  // Account
  accountDetails: 'Ihre Angaben',
  currentPassword: 'Bisheriges Passwort',
  newPassword: 'Neues Passwort',
  repeatPassword: 'Wiederholung des neuen Passworts',
  changePasswordHeading: 'Passwort ändern',
  changePasswordSubmit: 'Passwort ändern',
  passwordChanged: 'Ihr Passwort wurde geändert. Andere Sitzungen wurden abgemeldet.',
  languageHeading: 'Sprache',
  languageLegend: 'Sprache der Oberfläche',
  languageSaved: 'Die Sprache wurde gespeichert.',
  german: 'Deutsch',
  english: 'English',
  platformAdminRole: 'Plattformadministration',

  // Platform
  platformTitle: 'Plattformadministration',
  tenantsHeading: 'Kommunen',
  tenantsCaption: 'Alle Kommunen dieser Installation',
  colSlug: 'Kürzel',
  colType: 'Art',
  colAgs: 'AGS',
  colMembers: 'Personen',
  colDemo: 'Demo',
  colCreated: 'Angelegt am',
  createTenantHeading: 'Kommune anlegen',
  createTenantSubmit: 'Kommune anlegen',
  slug: 'Kürzel',
  slugHint: 'Kleinbuchstaben, Ziffern und Bindestriche; erscheint in der Adresse /kommune/…',
  slugInvalid: 'Nur Kleinbuchstaben, Ziffern und Bindestriche (2 bis 60 Zeichen).',
  agsOptional: 'Amtlicher Gemeindeschlüssel (optional)',
  adminEmail: 'E-Mail-Adresse der ersten Administration (optional)',
  adminEmailHint: 'Die Person erhält einen Einladungslink mit der Rolle Administration.',
  tenantCreated: (name: string) => `Die Kommune ${name} wurde angelegt.`,
  accountsHeading: 'Konten',
  accountsCaption: 'Alle Konten dieser Installation',
  colPlatformAdmin: 'Plattformadministration',
  colTenants: 'Kommunen',
  statusAccountActive: 'Aktiv',
  statusAccountLocked: 'Gesperrt',
  lock: 'Sperren',
  lockConfirm: 'Sperrung bestätigen',
  lockQuestion: (name: string) => `Konto von ${name} wirklich sperren? Alle Sitzungen werden beendet.`,
  locked: (name: string) => `Das Konto von ${name} wurde gesperrt.`,
  unlock: 'Entsperren',
  unlocked: (name: string) => `Das Konto von ${name} wurde entsperrt.`,
  ownAccount: 'eigenes Konto',
  resetLink: 'Rücksetz-Link erzeugen',

  // Invitation
  invitationTitle: 'Einladung annehmen',
  invitationIntro: (tenant: string, role: string) =>
    `Sie wurden eingeladen, in ${tenant} mit der Rolle „${role}“ mitzuarbeiten.`,
  invitationFor: 'Einladung für',
  invitationExisting:
    'Für diese E-Mail-Adresse besteht bereits ein Konto. Bestätigen Sie die Einladung mit Ihrem bisherigen Passwort.',
  invitationNew: 'Legen Sie Ihren Namen und ein Passwort fest. Danach können Sie sich anmelden.',
  acceptInvitation: 'Einladung annehmen',
  invitationInvalid:
    'Die Einladung ist ungültig oder abgelaufen. Bitten Sie Ihre Administration um einen neuen Link.',

  // Reset
  resetTitle: 'Neues Passwort festlegen',
  resetIntro: 'Legen Sie ein neues Passwort für Ihr Konto fest.',
  resetInvalidTitle: 'Dieser Link funktioniert nicht mehr',
  resetInvalidText:
    'Der Link zum Zurücksetzen des Passworts ist ungültig, wurde schon benutzt oder ist abgelaufen (ein Link gilt 24 Stunden und nur einmal).',
  resetNewLinkHeading: 'So erhalten Sie einen neuen Link',
  resetNewLinkText:
    'Bitten Sie die Administration Ihrer Kommune (im Arbeitsbereich unter „Personen“) oder die Plattformadministration, Ihnen einen neuen Link zum Zurücksetzen zu erzeugen. Kennen Sie Ihr Passwort noch, melden Sie sich einfach an.',
  resetSubmit: 'Passwort speichern',
  resetDone: 'Ihr Passwort wurde geändert. Sie können sich jetzt anmelden.',
  toLogin: 'Zur Anmeldung',

  // Not found
  notFoundTitle: MESSAGES.de.notFoundTitle,
  notFoundText: 'Diese Adresse ist im Arbeitsbereich nicht bekannt. Prüfen Sie die Schreibweise.',
  toWorkbenchStart: 'Zur Startseite des Arbeitsbereichs',

  // Errors (used in English for server codes; German comes from the server)
  errNetwork:
    'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errUnknown: 'Ein unerwarteter Fehler ist aufgetreten.',
};

export type Dict = { [K in keyof typeof de]: (typeof de)[K] };

const en: Dict = {
  appName: MESSAGES.en.appName,
  appShortName: 'DKBM',
  skipToContent: MESSAGES.en.skipToContent,
  demoBanner: MESSAGES.en.demoBanner,
  loading: 'Loading …',
  connectionFailed: 'Connection failed',
  retry: 'Try again',
  switchLanguage: 'Deutsch',
  switchLanguageLang: 'de',
  switchLanguageHint: 'Auf Deutsch umschalten',
  mainNav: 'Modules',
  menu: 'Menu',
  tenantSwitcher: 'Switch municipality',
  tenantSwitcherPlaceholder: '– Choose a municipality –',
  myAccount: 'My account',
  signedInAs: 'Signed in as',
  signIn: MESSAGES.en.signIn,
  signOut: MESSAGES.en.signOut,
  email: MESSAGES.en.email,
  password: MESSAGES.en.password,
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved.',
  yes: 'yes',
  no: 'no',
  never: 'never',
  inPreparation: 'In preparation',
  noPermissionTitle: 'No permission',
  noPermissionTenantAdmin:
    'No permission: this page is reserved for the administrators of the municipality. Please contact your administrators if you need access.',
  noPermissionPlatform: 'No permission: this page is reserved for platform administrators.',
  formErrorsIntro: 'Please check your input:',
  requiredField: (label) => `Please fill in “${label}”.`,
  invalidEmail: 'Please enter a valid e-mail address.',
  passwordTooShort: (n) => `The password must be at least ${n} characters long.`,
  passwordsDiffer: 'The two passwords do not match.',
  passwordHint: (n) => `at least ${n} characters`,
  copyLink: 'Copy link',
  copied: 'Link copied to the clipboard.',
  copyFailed: 'Copying is not possible. Please select the link and copy it yourself.',
  validUntil: (date) => `Valid until ${date}.`,
  oneTimeNote: 'The link is shown only this once. Pass it on to the person through a secure channel.',

  loginTitle: 'Sign in',
  loginIntro: 'Sign in with your work e-mail address.',
  loginMissing: 'Please enter e-mail address and password.',
  oidcLogin: 'Sign in with single sign-on',
  oidcFailed: 'Signing in with single sign-on failed. Please try again.',
  oidcNoAccount:
    'There is no active account on this platform for your single sign-on identity. Please contact the administrators of your municipality.',
  invitationAcceptedNotice: 'The invitation has been accepted. Please sign in now.',
  toPublicPortal: 'To the public pages',
  orSeparator: 'or',

  noTenantTitle: 'No municipality assigned',
  noTenantText:
    'Your account does not belong to any municipality yet. Please ask the administrators of your municipality or the platform administrators to invite you.',
  tenantNotFoundTitle: 'Municipality not found',
  tenantNotFoundText:
    'This municipality does not exist or you are not a member. Choose one of your municipalities above.',
  overview: 'Overview',
  greeting: (name) => `Hello, ${name}.`,
  yourRole: 'Your role in this municipality:',
  modulesHeading: 'Modules',
  publicPageHeading: 'Public page',
  publicPageText: 'This is how the public sees your municipality:',
  publicPageLink: (name) => `Open the public page of ${name}`,
  administration: 'Administration',

  moduleMonitoring: 'Monitoring',
  moduleMonitoringText: 'Analyse indicators on population, education and social structure by spatial unit.',
  moduleSelfAssessment: 'Self-assessment',
  moduleSelfAssessmentText:
    'Jointly assess the maturity of municipal education management and derive priorities.',
  moduleSelfAssessmentMore:
    'The education office rates fields of action such as data, governance and networking with its partners and compares results over time.',
  moduleEntitlement: 'Entitlement & places',
  moduleEntitlementText:
    'Plan all-day primary school care and day-care places by school and social area: entitlement, demand, places and gap with scenarios.',
  moduleGoals: 'Goals & steering',
  moduleGoalsText: 'Set education goals, derive recommendations and track their progress.',
  moduleGoalsMore:
    'Goals are linked to monitoring indicators so that progress becomes visible without extra data collection.',
  moduleReports: 'Reports',
  moduleReportsText: 'Compile and publish education reports from indicators, maps and texts.',
  moduleReportsMore:
    'Reports are published as accessible web pages and for print, and stay connected to the underlying data.',
  moduleNetwork: 'Network',
  moduleNetworkText: 'Maintain the education actors, committees and partnerships of the municipality.',
  moduleNetworkMore:
    'A shared directory shows who works with whom and which committees meet on which topics.',
  moduleSurveys: 'Surveys',
  moduleSurveysText: 'Plan, run and analyse surveys.',
  moduleSurveysMore: 'Results feed anonymised into monitoring and can be analysed by spatial unit.',
  moduleDirectory: 'Education directory',
  modulePortal: 'Public portal',
  modulePortalText: 'Start page, contact, imprint, privacy, logo and colour – and what is public.',
  moduleProviderOffers: 'My offers',
  moduleProviderOffersText:
    'Maintain your organisation’s offers in the education directory and submit them for review.',
  moduleDirectoryText: 'Maintain education offers and places of learning for the public.',
  moduleDirectoryMore:
    'Providers enter their offers themselves; citizens find them on the public page of the municipality.',
  people: 'People',
  settings: 'Settings',
  platform: 'Platform',

  areasHeading: 'Spatial units',
  areasCaption: 'Spatial units of the municipality',
  areaCode: 'Key',
  areaName: 'Name',
  areaLevel: 'Level',
  noAreas: 'No spatial units have been created for this municipality yet.',
  indicatorsHeading: 'Indicators',
  indicatorsCaption: 'Indicators of the municipality',
  indicatorCode: 'Code',
  indicatorName: 'Name',
  indicatorUnit: 'Unit',
  indicatorTopic: 'Topic',
  indicatorVisibility: 'Visibility',
  visibilityPublic: 'public',
  visibilityInternal: 'internal',
  noIndicators: 'No indicators have been created for this municipality yet.',
  latestValuesHeading: (name) => `${name}: latest values`,
  latestValuesCaption: (name, period) => `${name} on ${period} by spatial unit, summed over all age groups`,
  value: 'Value',
  total: MESSAGES.en.total,
  noObservations: 'There are no values for this indicator yet.',

  peopleListHeading: 'People and roles',
  peopleCaption: 'People with access to this municipality',
  colName: 'Name',
  colEmail: 'E-mail',
  colRole: 'Role',
  colStatus: 'Status',
  colLastLogin: 'Last sign-in',
  colActions: 'Actions',
  statusActive: 'Active',
  statusInactive: 'Deactivated',
  statusLocked: 'Account locked',
  roleSelectFor: (name) => `Access level of ${name}`,
  saveRoleFor: (name) => `for ${name}`,
  roleChanged: (name, role) => `${name} now has the role “${role}”.`,
  deactivate: 'Deactivate',
  deactivateConfirm: 'Confirm deactivation',
  deactivateQuestion: (name) =>
    `Really deactivate ${name}? The person will no longer be able to sign in to this municipality.`,
  deactivated: (name) => `${name} has been deactivated.`,
  reactivate: 'Reactivate',
  reactivated: (name) => `${name} has been reactivated.`,
  resetPassword: 'Reset password',
  forPerson: (name) => `for ${name}`,
  resetLinkLabel: (name) => `Reset link for ${name}`,
  resetLinkNote:
    'The person has been signed out. The link is shown only this once; pass it on through a secure channel.',
  addPersonHeading: 'Add person',
  addPersonSubmit: 'Add person',
  addMode: 'How to add',
  addModePassword: 'Create with initial password',
  addModeInvite: 'Invite by link',
  personName: 'Name',
  role: 'Role',
  startPassword: 'Initial password',
  personCreated: (name) => `${name} has been created. Pass the initial password on through a secure channel.`,
  invitationLinkLabel: (email) => `Invitation link for ${email}`,
  invitationsHeading: 'Open invitations',
  invitationsCaption: 'Invitations not yet accepted',
  noInvitations: 'No open invitations.',
  colInvitedAt: 'Invited on',
  colExpires: 'Valid until',
  revoke: 'Revoke',
  revoked: (email) => `The invitation to ${email} has been revoked.`,

  settingsSaved: 'The settings have been saved.',
  tenantName: 'Name',
  tenantType: 'Type of municipality',
  ags: 'Official municipality key (AGS)',
  agsHint: '2, 3, 5 or 8 digits; leave empty if not applicable',
  agsInvalid: 'The AGS consists of 2, 3, 5 or 8 digits.',
  colorPicker: 'Colour (picker)',
  colorText: 'Colour as hex value',
  colorHint:
    'Format #RRGGBB; leave empty for the default colour. The colour decorates the header and public page.',
  colorInvalid: 'The colour must be given as #RRGGBB.',
  logo: 'Logo',
  logoUpload: 'Upload logo',
  logoHint: 'PNG, JPEG, SVG or WebP, at most 256 KB',
  logoTooLarge: 'The logo is larger than 256 KB.',
  logoWrongType: 'The logo must be a PNG, JPEG, SVG or WebP file.',
  logoPreview: (name) => `Logo of ${name} (preview)`,
  logoNone: 'No logo set.',
  logoRemove: 'Remove logo',
  saveSettings: 'Save settings',

  accountDetails: 'Your details',
  currentPassword: 'Current password',
  newPassword: 'New password',
  repeatPassword: 'Repeat new password',
  changePasswordHeading: 'Change password',
  changePasswordSubmit: 'Change password',
  passwordChanged: 'Your password has been changed. Other sessions have been signed out.',
  languageHeading: 'Language',
  languageLegend: 'Language of the interface',
  languageSaved: 'The language has been saved.',
  german: 'Deutsch',
  english: 'English',
  platformAdminRole: 'Platform administrator',

  platformTitle: 'Platform administration',
  tenantsHeading: 'Municipalities',
  tenantsCaption: 'All municipalities of this installation',
  colSlug: 'Short name',
  colType: 'Type',
  colAgs: 'AGS',
  colMembers: 'People',
  colDemo: 'Demo',
  colCreated: 'Created on',
  createTenantHeading: 'Create municipality',
  createTenantSubmit: 'Create municipality',
  slug: 'Short name',
  slugHint: 'Lower-case letters, digits and hyphens; used in the address /kommune/…',
  slugInvalid: 'Only lower-case letters, digits and hyphens (2 to 60 characters).',
  agsOptional: 'Official municipality key (optional)',
  adminEmail: 'E-mail address of the first administrator (optional)',
  adminEmailHint: 'The person receives an invitation link with the administrator role.',
  tenantCreated: (name) => `The municipality ${name} has been created.`,
  accountsHeading: 'Accounts',
  accountsCaption: 'All accounts of this installation',
  colPlatformAdmin: 'Platform administrator',
  colTenants: 'Municipalities',
  statusAccountActive: 'Active',
  statusAccountLocked: 'Locked',
  lock: 'Lock',
  lockConfirm: 'Confirm lock',
  lockQuestion: (name) => `Really lock the account of ${name}? All sessions will be ended.`,
  locked: (name) => `The account of ${name} has been locked.`,
  unlock: 'Unlock',
  unlocked: (name) => `The account of ${name} has been unlocked.`,
  ownAccount: 'own account',
  resetLink: 'Create reset link',

  invitationTitle: 'Accept invitation',
  invitationIntro: (tenant, role) => `You have been invited to work in ${tenant} with the role “${role}”.`,
  invitationFor: 'Invitation for',
  invitationExisting:
    'An account already exists for this e-mail address. Confirm the invitation with your current password.',
  invitationNew: 'Choose your name and a password. Then you can sign in.',
  acceptInvitation: 'Accept invitation',
  invitationInvalid: 'The invitation is invalid or has expired. Ask your administrators for a new link.',

  resetTitle: 'Set a new password',
  resetIntro: 'Choose a new password for your account.',
  resetInvalidTitle: 'This link no longer works',
  resetInvalidText:
    'The password reset link is invalid, has been used already or has expired (a link is valid for 24 hours and only once).',
  resetNewLinkHeading: 'How to get a new link',
  resetNewLinkText:
    'Ask the administrators of your municipality (in the workbench under “People”) or the platform administrators to create a new reset link for you. If you still know your password, simply sign in.',
  resetSubmit: 'Save password',
  resetDone: 'Your password has been changed. You can sign in now.',
  toLogin: 'To sign-in',

  notFoundTitle: MESSAGES.en.notFoundTitle,
  notFoundText: 'This address is unknown in the workbench. Please check the spelling.',
  toWorkbenchStart: 'To the workbench start page',

  errNetwork: 'The server cannot be reached. Please check your connection and try again.',
  errUnknown: 'An unexpected error occurred.',
};

export const DICT: Record<Lang, Dict> = { de, en };

const AREA_LEVELS: Record<AreaLevel, { de: string; en: string }> = {
  bund: { de: 'Bund', en: 'Federation' },
  land: { de: 'Land', en: 'State' },
  regierungsbezirk: { de: 'Regierungsbezirk', en: 'Administrative region' },
  kreis: { de: 'Kreis', en: 'District' },
  gemeindeverband: { de: 'Gemeindeverband', en: 'Municipal association' },
  gemeinde: { de: 'Gemeinde', en: 'Municipality' },
  stadtbezirk: { de: 'Stadtbezirk', en: 'City district' },
  sozialraum: { de: 'Sozialraum', en: 'Social area' },
  planungsraum: { de: 'Planungsraum', en: 'Planning area' },
  schulbezirk: { de: 'Schulbezirk', en: 'School district' },
  custom: { de: 'Eigene Gliederung', en: 'Custom' },
};

export const areaLevelLabel = (level: AreaLevel, lang: Lang): string => AREA_LEVELS[level][lang];

const locale = (lang: Lang) => (lang === 'de' ? 'de-DE' : 'en-GB');

/** Date and time, e.g. 03.05.2025, 14:30. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Date only, e.g. 31.12.2024. Plain dates (YYYY-MM-DD) are not shifted by the time zone. */
export function formatDate(iso: string, lang: Lang): string {
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(plain ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(plain ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

export { formatNumber };

export interface I18n {
  lang: Lang;
  t: Dict;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'de', t: de, setLang: () => {} });

export const useI18n = (): I18n => useContext(I18nContext);
