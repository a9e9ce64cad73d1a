/** Forms of the steering overview: goal, Leitbild version, recommendation, statement, decision, measure. */
import { useId, useState } from 'react';
import {
  DECISION_OUTCOMES,
  PRIORITIES,
  type DecisionOutcome,
  type Recommendation,
  type SteeringGoal,
  type SteeringOverview,
  type Unit,
  type Decision,
  type DevelopmentGoalCandidate,
  type Measure,
  type MeetingDecisionOption,
} from '@dkbm/contract';
import { api, seg } from '../api';
import { SelectField, TextField } from '../components/Fields';
import { CheckboxGroup, FormBox, TextArea, useBases, useSubmit } from './common';
import { useLoad } from '../hooks';
import { formatDate, useI18n } from '../i18n';
import { parseDecimalInput } from './model';
import { useSteeringTexts } from './texts';

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function MissionStatementForm({ current, onDone }: { current: string; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [text, setText] = useState(current);
  const state = useSubmit(() => api.post(`${base}/mission-statements`, { text }), onDone);
  return (
    <FormBox summary={x.newVersion} state={state} submitLabel={x.newVersion}>
      <TextArea
        id={`${id}-text`}
        label={x.missionStatement}
        value={text}
        onChange={setText}
        rows={6}
        required
      />
    </FormBox>
  );
}

export function GoalForm({ goals, onDone }: { goals: SteeringGoal[]; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [title, setTitle] = useState('');
  const [parentId, setParentId] = useState('');
  const [owner, setOwner] = useState('');
  const [description, setDescription] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const state = useSubmit(
    () =>
      api.post(`${base}/goals`, {
        title,
        parentId: parentId || null,
        owner: orNull(owner),
        description: orNull(description),
        isPublic,
      }),
    () => {
      setTitle('');
      onDone();
    },
  );
  return (
    <FormBox summary={x.newGoal} state={state} submitLabel={x.save}>
      <TextField id={`${id}-title`} label={x.goalTitle} value={title} onChange={setTitle} required />
      <SelectField
        id={`${id}-parent`}
        label={x.parent}
        value={parentId}
        onChange={setParentId}
        options={[
          { value: '', label: x.noParent },
          ...goals.filter((g) => g.kind === 'strategic').map((g) => ({ value: g.id, label: g.title })),
        ]}
      />
      <TextField id={`${id}-owner`} label={x.owner} value={owner} onChange={setOwner} />
      <TextArea id={`${id}-desc`} label={x.description} value={description} onChange={setDescription} />
      <div className="field check">
        <input
          id={`${id}-public`}
          type="checkbox"
          checked={isPublic}
          onChange={(e) => setIsPublic(e.target.checked)}
        />
        <label htmlFor={`${id}-public`}>{x.isPublic}</label>
      </div>
    </FormBox>
  );
}

export function RecommendationForm({
  goals,
  units,
  bodies,
  onDone,
}: {
  goals: SteeringGoal[];
  units: Unit[];
  bodies: SteeringOverview['bodies'];
  onDone: () => void;
}) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [rationale, setRationale] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [goalIds, setGoalIds] = useState<string[]>([]);
  const [bodyIds, setBodyIds] = useState<string[]>([]);
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('medium');
  const state = useSubmit(
    () =>
      api.post(`${base}/recommendations`, {
        title,
        text,
        rationale: orNull(rationale),
        unitIds,
        goalIds,
        bodyIds,
        priority,
      }),
    () => {
      setTitle('');
      setText('');
      onDone();
    },
  );
  return (
    <FormBox summary={x.newRecommendation} state={state} submitLabel={x.save}>
      <TextField id={`${id}-title`} label={x.recTitle} value={title} onChange={setTitle} required />
      <TextArea id={`${id}-text`} label={x.recText} value={text} onChange={setText} required />
      <TextArea id={`${id}-rationale`} label={x.rationale} value={rationale} onChange={setRationale} />
      <CheckboxGroup
        id={`${id}-units`}
        legend={x.addressedUnits}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        value={unitIds}
        onChange={setUnitIds}
      />
      {bodies.length ? (
        <CheckboxGroup
          id={`${id}-bodies`}
          legend={x.addressedBodies}
          options={bodies.map((b) => ({ value: b.id, label: b.name }))}
          value={bodyIds}
          onChange={setBodyIds}
        />
      ) : null}
      <CheckboxGroup
        id={`${id}-goals`}
        legend={x.linkedGoals}
        options={goals.map((g) => ({ value: g.id, label: g.title }))}
        value={goalIds}
        onChange={setGoalIds}
      />
      <SelectField
        id={`${id}-priority`}
        label={x.priority}
        value={priority}
        onChange={setPriority}
        options={PRIORITIES.map((p) => ({ value: p, label: x.priorityLabel[p]! }))}
      />
    </FormBox>
  );
}

export function StatementForm({ rec, onDone }: { rec: Recommendation; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [statement, setStatement] = useState(rec.statement ?? '');
  const state = useSubmit(
    () => api.post(`${base}/recommendations/${seg(rec.id)}/statement`, { statement }),
    onDone,
  );
  return (
    <FormBox summary={x.statementFor(rec.title)} state={state} submitLabel={x.writeStatement}>
      <TextArea
        id={`${id}-statement`}
        label={x.statement}
        value={statement}
        onChange={setStatement}
        required
      />
    </FormBox>
  );
}

const OTHER_BODY = 'other';

export function DecisionForm({ data, onDone }: { data: SteeringOverview; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  // A body of the network module, or (OTHER_BODY) the name of a body outside it.
  const [bodyId, setBodyId] = useState(data.bodies[0]?.id ?? OTHER_BODY);
  const [body, setBody] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const [number, setNumber] = useState('');
  const [wording, setWording] = useState('');
  const [documentUrl, setDocumentUrl] = useState('');
  const [recId, setRecId] = useState('');
  const [outcome, setOutcome] = useState<DecisionOutcome>('adopted');
  const [statementId, setStatementId] = useState('');
  const state = useSubmit(
    () =>
      api.post(`${base}/decisions`, {
        ...(bodyId === OTHER_BODY ? { body } : { bodyId }),
        decidedOn,
        number: orNull(number),
        wording,
        documentUrl: orNull(documentUrl),
        missionStatementId: statementId || null,
        outcomes: recId ? [{ recommendationId: recId, outcome }] : [],
      }),
    onDone,
  );
  return (
    <FormBox summary={x.newDecision} state={state} submitLabel={x.save}>
      <SelectField
        id={`${id}-bodyId`}
        label={x.body}
        value={bodyId}
        onChange={setBodyId}
        options={[
          ...data.bodies.map((b) => ({ value: b.id, label: b.name })),
          { value: OTHER_BODY, label: x.otherBody },
        ]}
      />
      {bodyId === OTHER_BODY ? (
        <TextField id={`${id}-body`} label={x.bodyName} value={body} onChange={setBody} required />
      ) : null}
      <TextField
        id={`${id}-date`}
        label={x.decidedOn}
        type="date"
        value={decidedOn}
        onChange={setDecidedOn}
        required
      />
      <TextField id={`${id}-number`} label={x.number} value={number} onChange={setNumber} />
      <TextArea id={`${id}-wording`} label={x.wording} value={wording} onChange={setWording} required />
      <TextField
        id={`${id}-url`}
        label={x.documentUrl}
        type="url"
        value={documentUrl}
        onChange={setDocumentUrl}
      />
      <SelectField
        id={`${id}-rec`}
        label={x.decidedRecommendation}
        value={recId}
        onChange={setRecId}
        options={[
          { value: '', label: x.noGoal },
          ...data.recommendations.map((r) => ({ value: r.id, label: r.title })),
        ]}
      />
      <SelectField
        id={`${id}-outcome`}
        label={x.outcome}
        value={outcome}
        onChange={setOutcome}
        options={DECISION_OUTCOMES.map((o) => ({ value: o, label: x.outcomeLabel[o] }))}
      />
      <SelectField
        id={`${id}-mission`}
        label={x.adoptsMissionStatement}
        value={statementId}
        onChange={setStatementId}
        options={[
          { value: '', label: x.noGoal },
          ...data.missionStatements.map((m) => ({ value: m.id, label: x.version(m.version) })),
        ]}
      />
    </FormBox>
  );
}

export function MeasureForm({ data, onDone }: { data: SteeringOverview; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [title, setTitle] = useState('');
  const [unitId, setUnitId] = useState('');
  const [partners, setPartners] = useState('');
  const [startOn, setStartOn] = useState('');
  const [endOn, setEndOn] = useState('');
  const [budget, setBudget] = useState('');
  const [goalIds, setGoalIds] = useState<string[]>([]);
  const [recId, setRecId] = useState('');
  const [milestone, setMilestone] = useState('');
  const [milestoneDue, setMilestoneDue] = useState('');
  const state = useSubmit(
    () =>
      api.post(`${base}/measures`, {
        title,
        responsibleUnitId: unitId,
        partners: orNull(partners),
        startOn: startOn || null,
        endOn: endOn || null,
        budgetPlanned: budget.trim() ? (parseDecimalInput(budget) ?? budget) : null,
        goalIds,
        recommendationId: recId || null,
        milestones: milestone.trim() && milestoneDue ? [{ title: milestone, dueOn: milestoneDue }] : [],
      }),
    () => {
      setTitle('');
      setGoalIds([]);
      onDone();
    },
  );
  return (
    <FormBox summary={x.newMeasure} state={state} submitLabel={x.save}>
      <TextField id={`${id}-title`} label={x.measureTitle} value={title} onChange={setTitle} required />
      {data.units.length ? (
        <SelectField
          id={`${id}-unit`}
          label={x.responsibleUnit}
          value={unitId}
          onChange={setUnitId}
          options={[
            { value: '', label: x.chooseUnit },
            ...data.units.map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
      ) : (
        <p>{x.noUnitsForMeasure}</p>
      )}
      <TextField id={`${id}-partners`} label={x.partners} value={partners} onChange={setPartners} />
      <TextField id={`${id}-start`} label={x.startOn} type="date" value={startOn} onChange={setStartOn} />
      <TextField id={`${id}-end`} label={x.endOn} type="date" value={endOn} onChange={setEndOn} />
      <TextField
        id={`${id}-budget`}
        label={x.budgetPlanned}
        inputMode="decimal"
        value={budget}
        onChange={setBudget}
      />
      <CheckboxGroup
        id={`${id}-goals`}
        legend={x.linkedGoals}
        options={data.goals.map((g) => ({ value: g.id, label: g.title }))}
        value={goalIds}
        onChange={setGoalIds}
      />
      <SelectField
        id={`${id}-rec`}
        label={x.fromRecommendation}
        value={recId}
        onChange={setRecId}
        options={[
          { value: '', label: x.noGoal },
          ...data.recommendations.map((r) => ({ value: r.id, label: r.title })),
        ]}
      />
      <TextField id={`${id}-ms`} label={x.milestone} value={milestone} onChange={setMilestone} />
      <TextField
        id={`${id}-msdue`}
        label={`${x.milestone}: ${x.milestoneDue}`}
        type="date"
        value={milestoneDue}
        onChange={setMilestoneDue}
      />
    </FormBox>
  );
}

/** A dated progress note on a measure (editors; contributors of the responsible unit). */
export function MeasureNoteForm({ measure, onDone }: { measure: Measure; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [notedOn, setNotedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [text, setText] = useState('');
  const state = useSubmit(
    () => api.post(`${base}/measures/${seg(measure.id)}/notes`, { notedOn, text }),
    () => {
      setText('');
      onDone();
    },
  );
  return (
    <FormBox summary={x.newNoteFor(measure.title)} state={state} submitLabel={x.saveNote}>
      <TextField
        id={`${id}-date`}
        label={x.notedOn}
        type="date"
        value={notedOn}
        onChange={setNotedOn}
        required
      />
      <TextArea id={`${id}-text`} label={x.note} value={text} onChange={setText} required />
    </FormBox>
  );
}

export function UnitForm({ onDone }: { onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [name, setName] = useState('');
  const state = useSubmit(
    () => api.post(`${base}/units`, { name }),
    () => {
      setName('');
      onDone();
    },
  );
  return (
    <FormBox summary={x.newUnit} state={state} submitLabel={x.save}>
      <TextField id={`${id}-name`} label={x.unitName} value={name} onChange={setName} required />
    </FormBox>
  );
}

export function UnitMembersForm({
  unit,
  people,
  onDone,
}: {
  unit: Unit;
  people: ReadonlyArray<{ id: string; displayName: string }>;
  onDone: () => void;
}) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [userIds, setUserIds] = useState<string[]>(unit.members.map((m) => m.userId));
  const state = useSubmit(() => api.put(`${base}/units/${seg(unit.id)}/members`, { userIds }), onDone);
  return (
    <FormBox summary={x.membersOf(unit.name)} state={state} submitLabel={x.save}>
      <CheckboxGroup
        id={`${id}-members`}
        legend={x.membersOf(unit.name)}
        options={people.map((p) => ({ value: p.id, label: p.displayName }))}
        value={userIds}
        onChange={setUserIds}
      />
    </FormBox>
  );
}

/**
 * Links a decision taken in a meeting of a body (network module) to a recommendation: the decisions not
 * yet linked to any recommendation are offered.
 */
export function MeetingDecisionLinkForm({
  rec,
  choices,
  onDone,
}: {
  rec: Recommendation;
  choices: MeetingDecisionOption[];
  onDone: () => void;
}) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const id = useId();
  const { api: base } = useBases();
  const open = choices.filter((d) => !d.recommendationId);
  const [decisionId, setDecisionId] = useState('');
  const state = useSubmit(
    () =>
      api.put(`${base}/recommendations/${seg(rec.id)}/meeting-decisions`, {
        meetingDecisionId: decisionId,
      }),
    () => {
      setDecisionId('');
      onDone();
    },
  );
  return (
    <FormBox summary={x.linkMeetingDecision(rec.title)} state={state} submitLabel={x.link}>
      {open.length ? (
        <SelectField
          id={`${id}-decision`}
          label={x.meetingDecision}
          value={decisionId}
          onChange={setDecisionId}
          options={[
            { value: '', label: x.chooseUnit },
            ...open.map((d) => ({
              value: d.decisionId,
              label: `${d.bodyName}, ${formatDate(d.meetingStartsAt, lang)}: ${d.text.slice(0, 90)}`,
            })),
          ]}
        />
      ) : (
        <p>{x.noOpenMeetingDecisions}</p>
      )}
    </FormBox>
  );
}

/** Upload (or replace) the PDF of a decision. */
export function DecisionDocumentForm({ decision, onDone }: { decision: Decision; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [file, setFile] = useState<File | null>(null);
  const state = useSubmit(async () => {
    if (!file) throw new Error(x.chooseFile);
    await api.upload(`${base}/decisions/${seg(decision.id)}/document`, file);
  }, onDone);
  return (
    <FormBox
      summary={x.uploadDocumentFor(decision.number ?? decision.body)}
      state={state}
      submitLabel={x.uploadDocument}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{x.documentFile}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/pdf,.pdf"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
    </FormBox>
  );
}

/** One action: a development goal of the self-assessment becomes a goal (under a strategic goal). */
export function FromDevelopmentGoalForm({ goals, onDone }: { goals: SteeringGoal[]; onDone: () => void }) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const list = useLoad(`${base}/development-goals`, () =>
    api.get<DevelopmentGoalCandidate[]>(`${base}/development-goals`),
  );
  const open = (list.data ?? []).filter((c) => !c.goalId);
  const [choice, setChoice] = useState('');
  const [parentId, setParentId] = useState('');
  const state = useSubmit(
    () => {
      const c = open.find((o) => o.developmentGoalId === choice) ?? open[0];
      if (!c) throw new Error(x.noDevelopmentGoals);
      return api.post(`${base}/goals/from-development-goal`, {
        roundId: c.roundId,
        developmentGoalId: c.developmentGoalId,
        parentId: parentId || null,
      });
    },
    () => {
      setChoice('');
      list.reload();
      onDone();
    },
  );
  if (!open.length) return null;
  return (
    <FormBox summary={x.fromDevelopmentGoal} state={state} submitLabel={x.takeOver}>
      <SelectField
        id={`${id}-dg`}
        label={x.developmentGoal}
        value={choice || open[0]!.developmentGoalId}
        onChange={setChoice}
        options={open.map((c) => ({
          value: c.developmentGoalId,
          label: x.developmentGoalLabel(c.componentName, c.fromLevel, c.targetLevel, c.roundTitle),
        }))}
      />
      <SelectField
        id={`${id}-parent`}
        label={x.parent}
        value={parentId}
        onChange={setParentId}
        options={[
          { value: '', label: x.noParent },
          ...goals.filter((g) => !g.parentId).map((g) => ({ value: g.id, label: g.title })),
        ]}
      />
    </FormBox>
  );
}
