import { layoutGraph, type Graph } from '../core';

/** Room the editor's nodes and edge labels need in a layered layout. */
const SIZES = { nodeWidth: 130, nodeHeight: 96, layerGap: 110, nodeGap: 48 };

/** Lays out a graph left to right for the editor's node sizes. */
export const tidy = (graph: Graph): Promise<Graph> => layoutGraph(graph, SIZES);
