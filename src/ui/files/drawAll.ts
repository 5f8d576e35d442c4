/** While a picture of the canvas is taken, the canvas draws every node, not only those on screen. */
import { create } from 'zustand';

/** True while every node must be drawn (the canvas reads it). */
export const useDrawAll = create<{ drawAll: boolean }>(() => ({ drawAll: false }));
