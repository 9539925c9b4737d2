// Review of a parsed document: the text on the left, the extracted plan on the right in tabs.
// Clicking an item marks its source sentence in the text. 确认导入 creates the draft plan.
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Grid,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { useConfirmPlan, useDepartments } from '../api/hooks';
import type { Comparator, DepartmentNameMatch, PlanParseResponse, TargetKind } from '../api/types';
import { formatTime } from '../format';
import { COMPARATOR_OPTIONS, PLAN_STATUS_LABELS, ROLE_LABELS, TARGET_KIND_OPTIONS } from './labels';
import {
  cleanName,
  confirmRequest,
  initialState,
  newKey,
  serverFieldErrors,
  summary,
  usedDepartmentNames,
  validate,
  type DepartmentChoice,
  type FieldErrors,
  type ItemDepartment,
  type ReviewDepartment,
  type ReviewState,
  type ReviewTarget,
  type ReviewTask,
} from './review';
import { SourceText, type Span } from './SourceText';

type Selected = { kind: 'target' | 'task' | 'department'; key: string } | null;

const MATCH_TAG: Record<DepartmentNameMatch['status'], { color: string; label: string }> = {
  exact: { color: 'green', label: '名称一致' },
  alias: { color: 'blue', label: '简称/别名一致' },
  suggested: { color: 'orange', label: '相近，待确认' },
  none: { color: 'default', label: '名录中没有' },
};

function choiceValue(c: DepartmentChoice): string | undefined {
  if (c.action === 'link') return `link:${c.departmentId}`;
  if (c.action === 'pending') return undefined;
  return c.action;
}

function choiceFrom(value: string): DepartmentChoice {
  if (value.startsWith('link:')) return { action: 'link', departmentId: value.slice(5) };
  return value === 'ignore' ? { action: 'ignore' } : { action: 'create' };
}

/** Marks a row that has an error: a red left edge and the message under it. */
function ErrorText({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }} data-testid="field-error">
      {text}
    </Typography.Text>
  );
}

export function ReviewScreen({ parsed, onRestart, onConfirmed }: { parsed: PlanParseResponse; onRestart: () => void; onConfirmed: (planId: string) => void }) {
  const [state, setState] = useState<ReviewState>(() => initialState(parsed));
  // on a phone the editing tables keep their columns readable and scroll sideways inside their box
  const narrow = !Grid.useBreakpoint().md;
  const [selected, setSelected] = useState<Selected>(null);
  const [tab, setTab] = useState('targets');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const directory = useDepartments();
  const confirm = useConfirmPlan();
  const text = parsed.extraction.text;
  const dup = parsed.duplicateOf;

  const used = useMemo(() => usedDepartmentNames(state), [state]);

  const selectedSpan: Span | null = useMemo(() => {
    if (!selected) return null;
    if (selected.kind === 'target') return state.targets.find((t) => t.key === selected.key)?.span ?? null;
    if (selected.kind === 'task') return state.tasks.find((t) => t.key === selected.key)?.span ?? null;
    // A department: the first task (else target) that names it.
    const names = (t: ReviewTarget | ReviewTask) => t.departments.some((d) => d.name === selected.key);
    return state.tasks.find(names)?.span ?? state.targets.find(names)?.span ?? null;
  }, [selected, state.targets, state.tasks]);

  const clearError = (path: string) => {
    if (errors[path] || Object.keys(errors).some((k) => k.startsWith(path.replace(/\.[^.]+$/, '.row')))) {
      setErrors((e) => {
        const next = { ...e };
        delete next[path];
        delete next[path.replace(/\.[^.]+$/, '.row')];
        return next;
      });
    }
  };

  const setMeta = <K extends keyof ReviewState['metadata']>(key: K, value: ReviewState['metadata'][K]) => {
    setState((s) => ({ ...s, metadata: { ...s.metadata, [key]: value } }));
    clearError(`metadata.${key}`);
  };

  const setTarget = (index: number, patch: Partial<ReviewTarget>) => {
    setState((s) => ({
      ...s,
      targets: s.targets.map((t, i) => (i === index ? { ...t, ...patch, origin: t.origin === 'manual' ? 'manual' : 'edited' } : t)),
    }));
    for (const k of Object.keys(patch)) clearError(`targets.${index}.${k}`);
  };

  const setTask = (index: number, patch: Partial<ReviewTask>) => {
    setState((s) => ({
      ...s,
      tasks: s.tasks.map((t, i) => (i === index ? { ...t, ...patch, origin: t.origin === 'manual' ? 'manual' : 'edited' } : t)),
    }));
    for (const k of Object.keys(patch)) clearError(`tasks.${index}.${k}`);
  };

  /** The departments of one target or task, as the names chosen in its select (the first named leads unless one already does). */
  const setItemDepartments = (kind: 'targets' | 'tasks', index: number, names: string[]) => {
    setState((s) => {
      const item = s[kind][index];
      const unique = [...new Set(names.map(cleanName))];
      const departments: ItemDepartment[] = unique.map((name, i) => {
        const before = item.departments.find((d) => d.name === name);
        return before ?? { name, role: i === 0 && !item.departments.some((d) => d.role === 'lead') ? 'lead' : 'co' };
      });
      // A name chosen here for the first time gets a decision row: a directory department (by name or
      // alias) is linked, another name is to be created (changeable on the 责任部门 tab).
      const known = new Set(s.departments.map((d) => d.name));
      const inDirectory = (name: string) =>
        (directory.data ?? []).find((d) => d.active && [d.name, d.shortName, ...d.aliases].some((n) => n && cleanName(n) === name));
      const added: ReviewDepartment[] = departments
        .filter((d) => d.name && !known.has(d.name))
        .map((d): ReviewDepartment => {
          const found = inDirectory(d.name);
          return { name: d.name, match: null, choice: found ? { action: 'link', departmentId: found.id } : { action: 'create' } };
        });
      const edit = <T extends ReviewTarget | ReviewTask>(list: T[]): T[] =>
        list.map((t, i) => (i === index ? { ...t, departments: departments.filter((d) => d.name), origin: t.origin === 'manual' ? 'manual' : 'edited' } : t));
      return kind === 'targets'
        ? { ...s, departments: [...s.departments, ...added], targets: edit(s.targets) }
        : { ...s, departments: [...s.departments, ...added], tasks: edit(s.tasks) };
    });
  };

  const setChoice = (name: string, choice: DepartmentChoice) => {
    setState((s) => ({ ...s, departments: s.departments.map((d) => (d.name === name ? { ...d, choice } : d)) }));
    clearError(`departments.${name}`);
  };

  const addTarget = () => {
    const key = newKey('n');
    setState((s) => ({
      ...s,
      targets: [
        ...s.targets,
        { key, indicator: '', comparator: '>=', value: null, valueMax: null, unit: '', kind: 'level', deadlineYear: s.metadata.periodEndYear, span: null, origin: 'manual', departments: [] },
      ],
    }));
    setSelected({ kind: 'target', key });
  };

  const addTask = () => {
    const key = newKey('m');
    setState((s) => ({ ...s, tasks: [...s.tasks, { key, marker: null, title: '', deadlineText: null, span: null, origin: 'manual', departments: [] }] }));
    setSelected({ kind: 'task', key });
  };

  const removeTarget = (key: string) => {
    setState((s) => ({ ...s, targets: s.targets.filter((t) => t.key !== key) }));
    setErrors({});
  };
  const removeTask = (key: string) => {
    setState((s) => ({ ...s, tasks: s.tasks.filter((t) => t.key !== key) }));
    setErrors({});
  };

  const submit = () => {
    setServerError(null);
    const found = validate(state);
    setErrors(found);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      setTab(first.startsWith('metadata') ? 'metadata' : first.startsWith('targets') ? 'targets' : first.startsWith('tasks') ? 'tasks' : 'departments');
      return;
    }
    confirm.mutate(confirmRequest(parsed, state, allowDuplicate), {
      onSuccess: (res) => onConfirmed(res.plan.id),
      onError: (err) => {
        const message = errorMessage(err);
        setServerError(message);
        const fields = serverFieldErrors(message);
        setErrors(fields);
        const first = Object.keys(fields)[0];
        if (first) setTab(first.startsWith('metadata') ? 'metadata' : first.startsWith('targets') ? 'targets' : first.startsWith('tasks') ? 'tasks' : 'departments');
      },
    });
  };

  const rowProps = (kind: 'target' | 'task' | 'department', key: string) => ({
    onClick: () => setSelected({ kind, key }),
    style: {
      cursor: 'pointer',
      background: selected?.kind === kind && selected.key === key ? '#fffbe6' : undefined,
    },
  });

  // ---- 责任部门 of one item (targets and tasks alike) ----
  const nameOptions = useMemo(() => {
    const inDocument = state.departments.map((d) => ({ value: d.name, label: d.name }));
    const seen = new Set(inDocument.map((o) => o.value));
    const inDirectory = (directory.data ?? []).filter((d) => d.active && !seen.has(cleanName(d.name))).map((d) => ({ value: cleanName(d.name), label: d.name }));
    return [
      { label: '文件中的名称', options: inDocument },
      { label: '名录中的部门', options: inDirectory },
    ];
  }, [state.departments, directory.data]);
  const departmentSelect = (kind: 'targets' | 'tasks', item: ReviewTarget | ReviewTask, i: number) => (
    <Select
      mode="tags"
      value={item.departments.map((d) => d.name)}
      options={nameOptions}
      style={{ width: '100%' }}
      placeholder="选择或输入部门"
      onChange={(names: string[]) => setItemDepartments(kind, i, names)}
      tagRender={({ value, closable, onClose }) => {
        const d = item.departments.find((x) => x.name === value);
        return (
          <Tag closable={closable} onClose={onClose} color={d?.role === 'lead' ? 'blue' : undefined} style={{ marginInlineEnd: 4 }}>
            {String(value)}
            {d ? `·${ROLE_LABELS[d.role]}` : ''}
          </Tag>
        );
      }}
      aria-label={`第 ${i + 1} 项${kind === 'targets' ? '指标' : '任务'}责任部门`}
      data-testid={`${kind === 'targets' ? 'target' : 'task'}-departments-${i}`}
    />
  );

  // ---- 指标 ----
  const targetColumns: ColumnsType<ReviewTarget> = [
    {
      title: '指标 / 责任部门',
      dataIndex: 'indicator',
      width: narrow ? 220 : undefined,
      render: (_, t, i) => (
        <>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={t.indicator}
            status={errors[`targets.${i}.indicator`] ? 'error' : undefined}
            onChange={(e) => setTarget(i, { indicator: e.target.value })}
            aria-label={`第 ${i + 1} 项指标名称`}
          />
          <ErrorText text={errors[`targets.${i}.indicator`] ?? errors[`targets.${i}.row`]} />
          {!t.span && <Tag style={{ marginTop: 4 }}>人工添加</Tag>}
          {/* 责任部门 sits under the indicator (not in a column of its own) so the table fits beside the source text at 1440 px. */}
          <div style={{ marginTop: 4 }}>{departmentSelect('targets', t, i)}</div>
        </>
      ),
    },
    {
      title: '比较',
      dataIndex: 'comparator',
      width: 84,
      render: (_, t, i) => (
        <Select<Comparator>
          value={t.comparator}
          options={COMPARATOR_OPTIONS}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
          onChange={(comparator) => setTarget(i, { comparator, valueMax: comparator === 'range' ? (t.valueMax ?? t.value) : null })}
          aria-label={`第 ${i + 1} 项比较方式`}
        />
      ),
    },
    {
      title: '目标值',
      dataIndex: 'value',
      width: 104,
      render: (_, t, i) => (
        <>
          <InputNumber
            value={t.value}
            style={{ width: '100%' }}
            status={errors[`targets.${i}.value`] ? 'error' : undefined}
            onChange={(v) => setTarget(i, { value: typeof v === 'number' ? v : null })}
            aria-label={`第 ${i + 1} 项目标值`}
            data-testid={`target-value-${i}`}
          />
          {t.comparator === 'range' && (
            <InputNumber
              value={t.valueMax}
              placeholder="上限"
              style={{ width: '100%', marginTop: 4 }}
              status={errors[`targets.${i}.valueMax`] ? 'error' : undefined}
              onChange={(v) => setTarget(i, { valueMax: typeof v === 'number' ? v : null })}
              aria-label={`第 ${i + 1} 项上限值`}
            />
          )}
          <ErrorText text={errors[`targets.${i}.value`] ?? errors[`targets.${i}.valueMax`]} />
        </>
      ),
    },
    {
      title: '单位',
      dataIndex: 'unit',
      width: 64,
      render: (_, t, i) => <Input value={t.unit} onChange={(e) => setTarget(i, { unit: e.target.value })} aria-label={`第 ${i + 1} 项单位`} />,
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 92,
      render: (_, t, i) => (
        <Select<TargetKind> value={t.kind} options={TARGET_KIND_OPTIONS} style={{ width: '100%' }} onChange={(kind) => setTarget(i, { kind })} aria-label={`第 ${i + 1} 项类型`} />
      ),
    },
    {
      title: '完成年份',
      dataIndex: 'deadlineYear',
      width: 80,
      render: (_, t, i) => (
        <InputNumber
          value={t.deadlineYear}
          min={1949}
          max={2100}
          controls={false}
          style={{ width: '100%' }}
          onChange={(v) => setTarget(i, { deadlineYear: typeof v === 'number' ? v : null })}
          aria-label={`第 ${i + 1} 项完成年份`}
        />
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 44,
      render: (_, t) => (
        <Popconfirm title="删除这项指标？" description="删除后不会导入该指标。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeTarget(t.key)}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除指标" onClick={(e) => e.stopPropagation()} />
        </Popconfirm>
      ),
    },
  ];

  // ---- 任务 ----
  const taskColumns: ColumnsType<ReviewTask> = [
    {
      title: '序号',
      dataIndex: 'marker',
      width: 70,
      render: (_, t, i) => <Input value={t.marker ?? ''} onChange={(e) => setTask(i, { marker: e.target.value || null })} aria-label={`第 ${i + 1} 项任务序号`} />,
    },
    {
      title: '任务',
      dataIndex: 'title',
      width: narrow ? 240 : undefined,
      render: (_, t, i) => (
        <>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 5 }}
            value={t.title}
            status={errors[`tasks.${i}.title`] ? 'error' : undefined}
            onChange={(e) => setTask(i, { title: e.target.value })}
            aria-label={`第 ${i + 1} 项任务内容`}
          />
          <ErrorText text={errors[`tasks.${i}.title`] ?? errors[`tasks.${i}.row`]} />
        </>
      ),
    },
    {
      title: '责任部门',
      key: 'departments',
      width: 220,
      render: (_, t, i) => departmentSelect('tasks', t, i),
    },
    {
      title: '时限',
      dataIndex: 'deadlineText',
      width: 100,
      render: (_, t, i) => <Input value={t.deadlineText ?? ''} onChange={(e) => setTask(i, { deadlineText: e.target.value || null })} aria-label={`第 ${i + 1} 项任务时限`} />,
    },
    {
      title: '',
      key: 'actions',
      width: 44,
      render: (_, t) => (
        <Popconfirm title="删除这项任务？" description="删除后不会导入该任务。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => removeTask(t.key)}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除任务" onClick={(e) => e.stopPropagation()} />
        </Popconfirm>
      ),
    },
  ];

  // ---- 责任部门 ----
  const directoryOptions = useMemo(() => (directory.data ?? []).filter((d) => d.active).map((d) => ({ value: `link:${d.id}`, label: d.name })), [directory.data]);
  const departmentRows = state.departments.filter((d) => used.has(d.name));
  const departmentColumns: ColumnsType<ReviewDepartment> = [
    { title: '文件中的名称', dataIndex: 'name', width: 150, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: '匹配结果',
      key: 'match',
      width: 210,
      render: (_, d) => {
        const m = d.match;
        if (!m) return <Tag>新填写</Tag>;
        if (m.status === 'none' && !m.unitLike) return <Tag color="default">不像单位名称，默认忽略</Tag>;
        const tag = MATCH_TAG[m.status];
        return (
          <Space orientation="vertical" size={2}>
            <Tag color={tag.color}>{tag.label}</Tag>
            {m.match && m.status === 'alias' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                通过{m.match.kind === 'shortName' ? '简称' : '别名'}「{m.match.matched}」对应 {m.match.department.name}
              </Typography.Text>
            )}
            {m.status === 'suggested' && m.suggestions[0] && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                可能是 {m.suggestions[0].department.name}（相似度 {Math.round(m.suggestions[0].score * 100)}%）
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: '处理方式',
      key: 'choice',
      render: (_, d) => {
        const suggestions = (d.match?.suggestions ?? []).map((s) => ({ value: `link:${s.department.id}`, label: `${s.department.name}（相近）` }));
        const suggestedIds = new Set(suggestions.map((s) => s.value));
        const options = [
          ...(suggestions.length ? [{ label: '建议对应', options: suggestions }] : []),
          { label: '名录中的部门', options: directoryOptions.filter((o) => !suggestedIds.has(o.value)) },
          {
            label: '其他',
            options: [
              { value: 'create', label: `新建部门「${d.name}」` },
              { value: 'ignore', label: '忽略（不是责任部门）' },
            ],
          },
        ];
        return (
          <>
            <Select
              value={choiceValue(d.choice)}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请确认对应的部门"
              status={errors[`departments.${d.name}`] ? 'error' : undefined}
              style={{ width: '100%' }}
              onChange={(v: string) => setChoice(d.name, choiceFrom(v))}
              aria-label={`「${d.name}」的处理方式`}
              data-testid={`department-choice-${d.name}`}
            />
            <ErrorText text={errors[`departments.${d.name}`]} />
          </>
        );
      },
    },
    {
      title: '指标/任务数',
      key: 'count',
      width: 88,
      render: (_, d) => {
        const names = (t: ReviewTarget | ReviewTask) => t.departments.some((x) => x.name === d.name);
        return `${state.targets.filter(names).length} / ${state.tasks.filter(names).length}`;
      },
    },
  ];

  const pendingCount = departmentRows.filter((d) => d.choice.action === 'pending').length;
  const unmatchedUnits = departmentRows.filter((d) => d.choice.action === 'pending' && (!d.match || (d.match.status === 'none' && d.match.unitLike)));
  const errorCount = (prefix: string) => Object.keys(errors).filter((k) => k.startsWith(prefix)).length;
  const tabLabel = (label: string, count: number, prefix: string, extra?: ReactNode) => (
    <span>
      {label} <Typography.Text type="secondary">{count}</Typography.Text>
      {errorCount(prefix) > 0 && <Badge count={errorCount(prefix)} size="small" style={{ marginInlineStart: 4 }} />}
      {extra}
    </span>
  );

  const m = state.metadata;
  const metaError = (k: string) => errors[`metadata.${k}`];
  const problems = summary(errors);

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12, flexDirection: narrow ? 'column-reverse' : 'row' }} align="start">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            审核导入内容
          </Typography.Title>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {parsed.source.fileName} · 提取到 {state.targets.length} 项指标、{state.tasks.length} 项任务、{departmentRows.length} 个责任部门。{narrow ? '点击条目可在上方原文中定位。' : '点击条目可在左侧原文中定位。'}
          </Typography.Text>
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={onRestart}>
            重新上传
          </Button>
          <Button type="primary" onClick={submit} loading={confirm.isPending} disabled={!!dup && !allowDuplicate} data-testid="confirm-import">
            确认导入
          </Button>
        </Space>
      </Space>

      {dup && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="duplicate-warning"
          title={
            <span>
              该文件已于 {formatTime(dup.createdAt)} 导入为计划《{dup.title}》（{PLAN_STATUS_LABELS[dup.status]}）。
              <Link to={`/plans/${dup.id}`} data-testid="duplicate-link">
                查看已有计划
              </Link>
            </span>
          }
          description={
            <Checkbox checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)} data-testid="allow-duplicate">
              仍然作为新的计划导入
            </Checkbox>
          }
        />
      )}
      {(serverError || problems) && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} role="alert" data-testid="review-error" title={serverError ?? `请修正后再确认：${problems}`} />
      )}

      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" title="原文" extra={<Typography.Text type="secondary">{text.length.toLocaleString('zh-CN')} 字</Typography.Text>}>
            <SourceText text={text} span={selectedSpan} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'metadata',
                  label: (
                    <span>
                      基本信息
                      {errorCount('metadata') > 0 && <Badge count={errorCount('metadata')} size="small" style={{ marginInlineStart: 4 }} />}
                    </span>
                  ),
                  children: (
                    <Form layout="vertical" style={{ maxHeight: 'calc(100vh - 300px)', overflowY: 'auto', paddingRight: 8 }}>
                      <Form.Item label="计划名称" required validateStatus={metaError('title') ? 'error' : undefined} help={metaError('title')}>
                        <Input value={m.title} onChange={(e) => setMeta('title', e.target.value)} aria-label="计划名称" />
                      </Form.Item>
                      <Row gutter={12}>
                        <Col span={12}>
                          <Form.Item label="发文机关">
                            <Input value={m.issuer} onChange={(e) => setMeta('issuer', e.target.value)} placeholder="如：区人民政府办公室" aria-label="发文机关" />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item label="文号">
                            <Input value={m.documentNumber} onChange={(e) => setMeta('documentNumber', e.target.value)} placeholder="如：普府办〔2021〕12号" aria-label="文号" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Row gutter={12}>
                        <Col span={8}>
                          <Form.Item label="期限（起始年份）">
                            <InputNumber value={m.periodStartYear} min={1949} max={2100} controls={false} style={{ width: '100%' }} onChange={(v) => setMeta('periodStartYear', typeof v === 'number' ? v : null)} aria-label="起始年份" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item label="期限（结束年份）" validateStatus={metaError('periodEndYear') ? 'error' : undefined} help={metaError('periodEndYear')}>
                            <InputNumber value={m.periodEndYear} min={1949} max={2100} controls={false} style={{ width: '100%' }} onChange={(v) => setMeta('periodEndYear', typeof v === 'number' ? v : null)} aria-label="结束年份" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item label="发布日期" validateStatus={metaError('publishedDate') ? 'error' : undefined} help={metaError('publishedDate')}>
                            <Input value={m.publishedDate} placeholder="YYYY-MM-DD" onChange={(e) => setMeta('publishedDate', e.target.value)} aria-label="发布日期" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Row gutter={12}>
                        <Col span={8}>
                          <Form.Item label="成文日期" validateStatus={metaError('writtenDate') ? 'error' : undefined} help={metaError('writtenDate')}>
                            <Input value={m.writtenDate} placeholder="YYYY-MM-DD" onChange={(e) => setMeta('writtenDate', e.target.value)} aria-label="成文日期" data-testid="review-written-date" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Row gutter={12}>
                        <Col span={12}>
                          <Form.Item label="主题分类" extra={parsed.extraction.topics.length ? `建议：${parsed.extraction.topics.slice(0, 3).map((t) => t.subcategory ?? t.category).join('、')}` : undefined}>
                            <Select
                              value={m.topicCategory || undefined}
                              allowClear
                              options={[...new Set(parsed.extraction.topics.map((t) => t.category))].map((c) => ({ value: c, label: c }))}
                              onChange={(v?: string) => {
                                setMeta('topicCategory', v ?? '');
                                setMeta('topicSubcategory', parsed.extraction.topics.find((t) => t.category === v)?.subcategory ?? '');
                              }}
                              aria-label="主题分类"
                            />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item label="主题子类">
                            <Input value={m.topicSubcategory} onChange={(e) => setMeta('topicSubcategory', e.target.value)} aria-label="主题子类" />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Form.Item label="地区">
                        <Input value={m.region} onChange={(e) => setMeta('region', e.target.value)} aria-label="地区" />
                      </Form.Item>
                    </Form>
                  ),
                },
                {
                  key: 'targets',
                  label: tabLabel('指标', state.targets.length, 'targets'),
                  children: (
                    <>
                      <Table<ReviewTarget>
                        rowKey="key"
                        size="small"
                        data-testid="review-targets"
                        columns={targetColumns}
                        dataSource={state.targets}
                        pagination={false}
                        scroll={narrow ? { x: 'max-content', y: 'calc(100vh - 400px)' } : { y: 'calc(100vh - 400px)' }}
                        onRow={(t) => rowProps('target', t.key)}
                        locale={{ emptyText: '没有提取到指标，可手动添加' }}
                      />
                      <Button icon={<PlusOutlined />} type="dashed" block style={{ marginTop: 8 }} onClick={addTarget}>
                        添加指标
                      </Button>
                    </>
                  ),
                },
                {
                  key: 'tasks',
                  label: tabLabel('任务', state.tasks.length, 'tasks'),
                  children: (
                    <>
                      <Table<ReviewTask>
                        rowKey="key"
                        size="small"
                        data-testid="review-tasks"
                        columns={taskColumns}
                        dataSource={state.tasks}
                        pagination={false}
                        scroll={narrow ? { x: 'max-content', y: 'calc(100vh - 400px)' } : { y: 'calc(100vh - 400px)' }}
                        onRow={(t) => rowProps('task', t.key)}
                        locale={{ emptyText: '没有提取到任务，可手动添加' }}
                      />
                      <Button icon={<PlusOutlined />} type="dashed" block style={{ marginTop: 8 }} onClick={addTask}>
                        添加任务
                      </Button>
                    </>
                  ),
                },
                {
                  key: 'departments',
                  label: tabLabel(
                    '责任部门',
                    departmentRows.length,
                    'departments',
                    pendingCount > 0 ? (
                      <Tooltip title={`${pendingCount} 个部门待确认`}>
                        <Badge status="warning" style={{ marginInlineStart: 6 }} />
                      </Tooltip>
                    ) : undefined,
                  ),
                  children: (
                    <>
                    {unmatchedUnits.length > 0 && (
                      <Alert
                        type="warning"
                        showIcon
                        style={{ marginBottom: 8 }}
                        message={`${unmatchedUnits.length} 个单位名称在名录中没有对应：请逐个对应已有部门，或确认新建。`}
                        action={
                          <Button size="small" onClick={() => unmatchedUnits.forEach((d) => setChoice(d.name, { action: 'create' }))} data-testid="create-unmatched-units">
                            全部新建
                          </Button>
                        }
                      />
                    )}
                    <Table<ReviewDepartment>
                      rowKey="name"
                      size="small"
                      data-testid="review-departments"
                      columns={departmentColumns}
                      dataSource={departmentRows}
                      pagination={false}
                      loading={directory.isPending}
                      scroll={{ y: 'calc(100vh - 360px)' }}
                      onRow={(d) => rowProps('department', d.name)}
                      locale={{ emptyText: '任务中没有责任部门' }}
                    />
                    </>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
