import { useEffect, useRef } from 'react';
import { useUpdateNodeInternals } from '@xyflow/react';

/**
 * Re-measures a node's handles when its set of input ports changes. React Flow keeps a node's handle
 * bounds while its size stays the same, and node ids outlive operators (loading another graph can turn
 * node `n1` from relu, one port, into add, two ports, at the same size): without this, edges into the
 * new ports are drawn to the old handle positions or not at all (React Flow warning 008).
 */
export function useHandleRefresh(id: string, ports: number): void {
  const updateNodeInternals = useUpdateNodeInternals();
  // React Flow measures a node when it mounts; only a change afterwards needs asking.
  const measured = useRef(ports);
  useEffect(() => {
    if (measured.current === ports) return;
    measured.current = ports;
    updateNodeInternals(id);
  }, [id, ports, updateNodeInternals]);
}
