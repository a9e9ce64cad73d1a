/**
 * The cooperation map as an interactive network graph (Cytoscape.js, loaded on demand as its own chunk):
 * actors are nodes (larger the more partners), an edge joins two actors that share active bodies (wider
 * the more bodies). A progressive enhancement: the table below the graph holds the same information and is
 * what keyboard and screen-reader users read; the graph is one labelled image for them.
 */
import { useEffect, useRef } from 'react';
import type { CooperationEdge } from '@dkbm/contract';
import { useNetworkTexts } from './texts';

export function CooperationGraph({ edges }: { edges: readonly CooperationEdge[] }) {
  const x = useNetworkTexts();
  const box = useRef<HTMLDivElement>(null);
  const actors = new Map<string, string>();
  for (const e of edges) {
    actors.set(e.actorA.id, e.actorA.name);
    actors.set(e.actorB.id, e.actorB.name);
  }

  useEffect(() => {
    let gone = false;
    let destroy: (() => void) | null = null;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (gone || !box.current) return;
      const degree = new Map<string, number>();
      for (const e of edges) {
        degree.set(e.actorA.id, (degree.get(e.actorA.id) ?? 0) + 1);
        degree.set(e.actorB.id, (degree.get(e.actorB.id) ?? 0) + 1);
      }
      const nodes = new Map<string, string>();
      for (const e of edges) {
        nodes.set(e.actorA.id, e.actorA.name);
        nodes.set(e.actorB.id, e.actorB.name);
      }
      const cy = cytoscape({
        container: box.current,
        elements: [
          ...[...nodes].map(([id, name]) => ({ data: { id, label: name, degree: degree.get(id) ?? 1 } })),
          ...edges.map((e) => ({
            data: {
              id: `${e.actorA.id}-${e.actorB.id}`,
              source: e.actorA.id,
              target: e.actorB.id,
              weight: e.bodies.length + e.projects.length,
            },
            // Pairs that share only projects (no body) are drawn dashed.
            classes: e.bodies.length === 0 ? 'project-only' : '',
          })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              label: 'data(label)',
              'font-size': 11,
              'text-wrap': 'wrap',
              'text-max-width': '110px',
              color: '#1a1a1a',
              'background-color': '#0b5cab',
              width: 'mapData(degree, 1, 20, 14, 40)',
              height: 'mapData(degree, 1, 20, 14, 40)',
            },
          },
          {
            selector: 'edge',
            style: { width: 'mapData(weight, 1, 4, 1, 6)', 'line-color': '#8aa4c2', opacity: 0.8 },
          },
          { selector: 'edge.project-only', style: { 'line-style': 'dashed' } },
          { selector: '.faded', style: { opacity: 0.15 } },
        ],
        layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000 },
        wheelSensitivity: 0.3,
      });
      // Tapping an actor highlights its partners.
      cy.on('tap', 'node', (evt) => {
        const near = evt.target.closedNeighborhood();
        cy.elements().addClass('faded');
        near.removeClass('faded');
      });
      cy.on('tap', (evt) => {
        if (evt.target === cy) cy.elements().removeClass('faded');
      });
      destroy = () => cy.destroy();
    });
    return () => {
      gone = true;
      destroy?.();
    };
  }, [edges]);

  return (
    <figure className="nw-graph">
      <div
        ref={box}
        className="nw-graph-canvas"
        role="img"
        aria-label={x.graphLabel(actors.size, edges.length)}
      />
      <figcaption>{x.graphCaption}</figcaption>
    </figure>
  );
}
