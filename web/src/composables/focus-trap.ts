// A modal dialog holds the keyboard: Tab and Shift+Tab cycle through its controls, Esc closes it
// (and goes no further, so a panel behind it stays open), and focus returns where it was on close.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
  );
}

export function useFocusTrap(container: Ref<HTMLElement | undefined>, onEscape: () => void): void {
  let before: Element | null = null;

  function onKey(event: KeyboardEvent): void {
    const box = container.value;
    if (!box) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const all = focusables(box);
    if (!all.length) return;
    const first = all[0];
    const last = all[all.length - 1];
    const inside = box.contains(document.activeElement);
    if (!inside || (event.shiftKey && document.activeElement === first)) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  onMounted(() => {
    before = document.activeElement;
    // Capture: the dialog hears keys before any panel or map tool listening on the window.
    window.addEventListener('keydown', onKey, true);
    if (container.value && !container.value.contains(document.activeElement)) focusables(container.value)[0]?.focus();
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey, true);
    if (before instanceof HTMLElement && before.isConnected) before.focus();
  });
}
