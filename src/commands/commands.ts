/**
 * Ribbon commands (shared runtime): 插入模板 and 校验 open the task pane and route it to the
 * view, where the user confirms the options (an insert needs a plan and units; validation runs at
 * once). 打开面板 is a ShowTaskpane action in the manifest and needs no code.
 *
 * Registered at load with `Office.actions.associate`, as the shared runtime requires; the pane
 * may not be mounted yet, so the route is left where the pane picks it up (see nav.ts).
 */
import { requestNavigation, type NavRequest } from '../taskpane/app/nav';

type CommandEvent = Office.AddinCommands.Event;

export async function openPaneAt(request: NavRequest, event?: CommandEvent): Promise<void> {
  try {
    // Route first: showAsTaskpane resolves only once the pane is visible, and a mounted pane
    // picks the request up from its listener, an unmounted one from the pending slot.
    requestNavigation(request);
    await Office.addin.showAsTaskpane();
  } catch (error) {
    // The pane cannot be shown (no shared runtime on this host): the route stays pending and the
    // pane opens on it when the user opens it from 打开面板. Nothing else can show the error here.
    console.error('edu-indicators: cannot show the task pane', error);
  } finally {
    event?.completed();
  }
}

export function insertTemplate(event?: CommandEvent): Promise<void> {
  return openPaneAt({ view: 'insert' }, event);
}

export function validateWorkbook(event?: CommandEvent): Promise<void> {
  return openPaneAt({ view: 'validate', run: 'validate' }, event);
}

/** Function names as in the manifest's <FunctionName>. */
export const COMMANDS = { insertTemplate, validateWorkbook } as const;

if (typeof Office !== 'undefined' && Office.actions) {
  for (const [name, fn] of Object.entries(COMMANDS)) Office.actions.associate(name, fn);
}
