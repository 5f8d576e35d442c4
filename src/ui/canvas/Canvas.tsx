import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent, type RefObject } from 'react';
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore, useStoreApi,
  type Connection, type EdgeChange, type EdgeMouseHandler, type NodeChange, type NodeMouseHandler, type OnDelete,
} from '@xyflow/react';
import type { OpName, Position } from '../core';
import { useDrawAll } from '../files/drawAll';
import { importFile } from '../files/io';
import { centred } from '../palette/placement';
import { useShell } from '../shell/layout';
import { useEditor, type Measured } from '../store';
import { EdgeCard } from './EdgeCard';
import { GradEdge } from './GradEdge';
import { FIT_OPTIONS, MINIMAP_SIZE } from './fit';
import { newSpotCache, placedEdges } from './placedEdges';
import { lodSelector, OPEN_ZOOM, PRESENT_ZOOM } from './lod';
import { NodeCard, useHoveredNode } from './NodeCard';
import { OpNode } from './OpNode';
import { QuickAdd } from './QuickAdd';
import { structureSelector } from './structure';
import { newFlowCache, shapeKey, toFlow, type GradFlowEdge, type NodeShape, type OpFlowNode, type ShapeBook } from './toFlow';
import { useRoutes } from './routes';
import { useShortcuts } from './useShortcuts';
import { useViewFollow } from './useViewFollow';

// Module scope, so React Flow never sees new types and remounts every node.
const nodeTypes = { op: OpNode };
const edgeTypes = { grad: GradEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
/** Graphs with more nodes than this draw only what is on screen. */
const VIRTUALIZE_ABOVE = 200;

/** Reads the selection out of React Flow's select changes. */
function applySelection(current: readonly string[], changes: { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) if (c.selected) set.add(c.id); else set.delete(c.id);
  return [...set];
}

/** Writes the level of detail on the canvas element: re-renders only when the zoom crosses a level; CSS does the rest. */
function LodAttribute({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const lod = useStore(lodSelector);
  useLayoutEffect(() => { target.current?.setAttribute('data-lod', lod); }, [lod, target]);
  return null;
}

/** React Flow's own words (control buttons, keyboard help for screen readers) in the language shown. */
function reactFlowLabels(t: TFunction) {
  return {
    'node.a11yDescription.default': t('canvas.flow.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('canvas.flow.nodeHelpKeys'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) => t('canvas.flow.moved', { direction, x, y }),
    'edge.a11yDescription.default': t('canvas.flow.edgeHelp'),
    'controls.ariaLabel': t('canvas.flow.controls'),
    'controls.zoomIn.ariaLabel': t('canvas.flow.zoomIn'),
    'controls.zoomOut.ariaLabel': t('canvas.flow.zoomOut'),
    'controls.fitView.ariaLabel': t('canvas.flow.fitView'),
    'controls.interactive.ariaLabel': t('canvas.flow.interactive'),
    'minimap.ariaLabel': t('canvas.minimap'),
    'handle.ariaLabel': t('canvas.flow.handle'),
  };
}

/** The graph canvas: React Flow showing `toFlow(graph, evaluation, pass view)`; every change goes back as a store action. */
export function Canvas() {
  // The graph as the structure sees it: a value edit leaves it (and so every node and edge) untouched.
  const [selectStructure] = useState(structureSelector);
  const graph = useEditor(selectStructure);
  // A picture of the canvas needs every node drawn (files/exportImage.ts).
  const drawAll = useDrawAll((s) => s.drawAll);
  const { t } = useTranslation();
  const ariaLabelConfig = useMemo(() => reactFlowLabels(t), [t]);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const measured = useEditor((s) => s.measured);
  const dragging = useEditor((s) => s.dragOrigin !== undefined);
  const routes = useRoutes((s) => s.routes);
  const { screenToFlowPosition } = useReactFlow();
  const store = useStoreApi();
  const wrap = useRef<HTMLDivElement>(null);
  // Presentation mode reads from the back of a room: graphs open larger.
  const presenting = useShell((s) => s.presenting);
  useViewFollow(wrap, presenting ? PRESENT_ZOOM : OPEN_ZOOM);
  const [quickAdd, setQuickAdd] = useState<{ at: Position; flow: Position } | undefined>(undefined);
  // Mutable between renders on purpose: it only lets toFlow hand back unchanged objects.
  const [cache] = useState(newFlowCache);
  useShortcuts();

  // The first measured node of each kind lends its shape to the nodes of that kind not drawn yet (see ShapeBook).
  const [shapes, setShapes] = useState<ShapeBook>(() => new Map());
  const learnShapes = useCallback((ids: readonly string[]) => {
    const { nodeLookup } = store.getState();
    setShapes((book) => {
      let next: Map<string, NodeShape> | undefined;
      for (const id of ids) {
        const node = nodeLookup.get(id);
        const bounds = node?.internals.handleBounds;
        if (node === undefined || bounds === undefined || bounds === null || node.measured.width === undefined || node.measured.height === undefined) continue;
        const key = shapeKey((node.internals.userNode as OpFlowNode).data);
        if (book.has(key) || next?.has(key) === true) continue;
        next ??= new Map(book);
        const handles = [...(bounds.target ?? []), ...(bounds.source ?? [])].map(({ id: handle, type, position, x, y, width, height }) => ({ id: handle, type, position, x, y, width, height }));
        next.set(key, { width: node.measured.width, height: node.measured.height, handles });
      }
      return next ?? book;
    });
  }, [store]);

  const selectedNodeSet = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const { nodes, edges: bareEdges } = useMemo(
    () => toFlow({ graph, selectedNodes: selectedNodeSet, selectedEdges: selectedEdgeSet, measured, shapes, routes }, cache),
    [graph, selectedNodeSet, selectedEdgeSet, measured, shapes, routes, cache],
  );
  const [spotCache] = useState(newSpotCache);
  const edges = useMemo(() => placedEdges(nodes, bareEdges, dragging, spotCache), [nodes, bareEdges, dragging, spotCache]);

  const onNodesChange = useCallback((changes: NodeChange<OpFlowNode>[]) => {
    const s = useEditor.getState();
    const positions = new Map<string, Position>();
    let dragEnded = false;
    const selects: { id: string; selected: boolean }[] = [];
    const sizes: Measured = {};
    for (const c of changes) {
      if (c.type === 'position') {
        if (c.position !== undefined) positions.set(c.id, { x: Math.round(c.position.x), y: Math.round(c.position.y) });
        if (c.dragging === false) dragEnded = true;
      } else if (c.type === 'select') selects.push(c);
      else if (c.type === 'dimensions' && c.dimensions !== undefined) {
        const old = s.measured[c.id];
        if (old === undefined || old.width !== c.dimensions.width || old.height !== c.dimensions.height) sizes[c.id] = c.dimensions;
      }
      // 'remove' arrives through onDelete as one undoable edit.
    }
    if (positions.size > 0 || dragEnded) s.dragNodes(positions, dragEnded);
    if (selects.length > 0) s.select(applySelection(s.selectedNodes, selects), s.selectedEdges);
    const measuredIds = Object.keys(sizes);
    if (measuredIds.length > 0) {
      s.setMeasured(sizes);
      learnShapes(measuredIds);
    }
  }, [learnShapes]);

  const onEdgesChange = useCallback((changes: EdgeChange<GradFlowEdge>[]) => {
    const s = useEditor.getState();
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length > 0) s.select(s.selectedNodes, applySelection(s.selectedEdges, selects));
  }, []);

  const onEdgeMouseEnter: EdgeMouseHandler<GradFlowEdge> = useCallback((_e, edge) => useEditor.getState().hover(edge.id), []);
  const onEdgeMouseLeave: EdgeMouseHandler<GradFlowEdge> = useCallback(() => useEditor.getState().hover(undefined), []);
  const onNodeMouseEnter: NodeMouseHandler<OpFlowNode> = useCallback((_e, node) => useHoveredNode.setState({ id: node.id }), []);
  const onNodeMouseLeave: NodeMouseHandler<OpFlowNode> = useCallback(() => useHoveredNode.setState({ id: undefined }), []);

  const onConnect = useCallback((c: Connection) => {
    const port = Number((c.targetHandle ?? 'in0').replace(/^in/, ''));
    useEditor.getState().connect(c.source, c.target, port);
  }, []);

  const onDelete: OnDelete<OpFlowNode, GradFlowEdge> = useCallback(({ nodes: gone, edges: cut }) => {
    useEditor.getState().remove(gone.map((n) => n.id), cut.map((e) => e.id));
  }, []);

  const onDoubleClick = useCallback((e: MouseEvent) => {
    if (!(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane')) return;
    const rect = wrap.current!.getBoundingClientRect();
    setQuickAdd({ at: { x: e.clientX - rect.left, y: e.clientY - rect.top }, flow: screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
  }, [screenToFlowPosition]);

  const pick = useCallback((op: OpName) => {
    if (quickAdd !== undefined) useEditor.getState().addNode(op, centred(quickAdd.flow));
    setQuickAdd(undefined);
  }, [quickAdd]);

  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
  };
  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (file === undefined) return;
    e.preventDefault();
    void importFile(file);
  };

  return (
    <div className="canvas-wrap" ref={wrap} onDoubleClick={onDoubleClick} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<OpFlowNode, GradFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        onNodeMouseEnter={onNodeMouseEnter}
        onNodeMouseLeave={onNodeMouseLeave}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_KEYS}
        selectionKeyCode="Shift"
        ariaLabelConfig={ariaLabelConfig}
        zoomOnDoubleClick={false}
        minZoom={0.1}
        maxZoom={2.5}
        colorMode="system"
        aria-label={t('canvas.label')}
        // A big graph mounts only what is on screen (the ShapeBook lets the rest be placed without being
        // drawn); a small one mounts everything, so every label stays in the page for search and readers.
        onlyRenderVisibleElements={graph.nodes.length > VIRTUALIZE_ABOVE && !drawAll}
        // Test hooks: the loaded graph's counts, drawn or not (the store evaluates a graph as it sets it).
        data-node-count={graph.nodes.length}
        data-edge-count={graph.edges.length}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
        <MiniMap pannable zoomable ariaLabel={t('canvas.minimap')} nodeStrokeWidth={2} style={MINIMAP_SIZE} />
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="canvas-empty muted">{t('canvas.empty')}</div>
      )}
      <LodAttribute target={wrap} />
      <EdgeCard />
      <NodeCard />
      {quickAdd !== undefined && <QuickAdd at={quickAdd.at} onPick={pick} onClose={() => setQuickAdd(undefined)} />}
    </div>
  );
}
