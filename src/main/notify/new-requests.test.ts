import { describe, expect, it, vi } from 'vitest';
import { describeNewRequests, eventNotifier } from './new-requests';

const rows = (...names: string[]) => names.map((appName, i) => ({ id: `Ar${i}`, appName }));

describe('the new-requests notice', () => {
  it('counts the requests and names at most two apps', () => {
    expect(describeNewRequests(rows('Zoom'))).toEqual({
      title: '1 new app request',
      body: 'Zoom',
      requestIds: ['Ar0'],
    });
    expect(describeNewRequests(rows('Zoom', 'Miro'))?.body).toBe('Zoom and Miro');
    expect(describeNewRequests(rows('Zoom', 'Miro', 'Figma'))).toMatchObject({
      title: '3 new app requests',
      body: 'Zoom, Miro and 1 more',
    });
    expect(describeNewRequests(rows('Zoom', 'Miro', 'Figma', 'Loom', 'Asana'))?.body).toBe(
      'Zoom, Miro and 3 more',
    );
  });

  it('names an app once when several workspaces ask for it', () => {
    expect(describeNewRequests(rows('Zoom', 'Zoom', 'Miro'))).toMatchObject({
      title: '3 new app requests',
      body: 'Zoom and Miro',
    });
  });

  it('is nothing for no requests', () => {
    expect(describeNewRequests([])).toBeNull();
  });

  it("reaches the browser host's page as a notify:newRequests event", () => {
    const emit = vi.fn();
    const notice = describeNewRequests(rows('Zoom'))!;
    eventNotifier(emit).newRequests(notice);
    expect(emit).toHaveBeenCalledWith('notify:newRequests', notice);
  });
});
