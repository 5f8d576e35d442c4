import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow, useStoreApi, useNodesInitialized,
  type Connection, type EdgeChange, type NodeChange, type OnDelete,
} from '@xyflow/react';
import type { OpName, Position } from '../core';
import { importFile } from '../files/io';
import { centred } from '../palette/placement';
import { useEditor, type Measured } from '../store';
import { EdgeCard } from './EdgeCard';
import { GradEdge } from './GradEdge';
import { FIT_OPTIONS, MINIMAP_SIZE } from './fit';
import { OpNode } from './OpNode';
import { QuickAdd } from './QuickAdd';
import { structureSelector } from './structure';
import { newFlowCache, toFlow, type GradFlowEdge, type OpFlowNode } from './toFlow';
import { useShortcuts } from './useShortcuts';

// Module scope, so React Flow never sees new types and remounts every node.
const nodeTypes = { op: OpNode };
const edgeTypes = { grad: GradEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];

/** Reads the selection out of React Flow's select changes. */
function applySelection(current: readonly string[], changes: { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) if (c.selected) set.add(c.id); else set.delete(c.id);
  return [...set];
}

/** The graph canvas: React Flow showing `toFlow(graph, evaluation, pass view)`; every change goes back as a store action. */
export function Canvas() {
  // The graph as the structure sees it: a value edit leaves it (and so every node and edge) untouched.
  const [selectStructure] = useState(structureSelector);
  const graph = useEditor(selectStructure);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const measured = useEditor((s) => s.measured);
  const fitRequest = useEditor((s) => s.fitRequest);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const store = useStoreApi();
  const nodesInitialized = useNodesInitialized();
  const fitted = useRef(0);
  useEffect(() => {
    if (fitRequest === fitted.current) return;
    // Fit only once every node of the new graph has its size: an unmeasured node would be fitted as a point
    // and could end up under the minimap. useNodesInitialized flips back to true when they are, re-running this.
    const allMeasured = [...store.getState().nodeLookup.values()].every((n) => (n.measured.width ?? 0) > 0 && (n.measured.height ?? 0) > 0);
    if (!allMeasured) return;
    fitted.current = fitRequest;
    void fitView({ ...FIT_OPTIONS, duration: 250 });
  }, [fitRequest, nodesInitialized, fitView, store]);
  const [quickAdd, setQuickAdd] = useState<{ at: Position; flow: Position } | undefined>(undefined);
  const wrap = useRef<HTMLDivElement>(null);
  // Mutable between renders on purpose: it only lets toFlow hand back unchanged objects.
  const [cache] = useState(newFlowCache);
  useShortcuts();

  const selectedNodeSet = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const { nodes, edges } = useMemo(
    () => toFlow({ graph, selectedNodes: selectedNodeSet, selectedEdges: selectedEdgeSet, measured }, cache),
    [graph, selectedNodeSet, selectedEdgeSet, measured, cache],
  );

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
    if (Object.keys(sizes).length > 0) s.setMeasured(sizes);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<GradFlowEdge>[]) => {
    const s = useEditor.getState();
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length > 0) s.select(s.selectedNodes, applySelection(s.selectedEdges, selects));
  }, []);

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
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_KEYS}
        selectionKeyCode="Shift"
        zoomOnDoubleClick={false}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.1}
        maxZoom={2.5}
        colorMode="system"
        aria-label="Graph canvas"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={2} style={MINIMAP_SIZE} />
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="canvas-empty muted">Drag an operator from the palette, double-click here to search, or type an expression above.</div>
      )}
      <EdgeCard />
      {quickAdd !== undefined && <QuickAdd at={quickAdd.at} onPick={pick} onClose={() => setQuickAdd(undefined)} />}
    </div>
  );
}
