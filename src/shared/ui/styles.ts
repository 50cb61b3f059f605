/**
 * The kit's class names (`ui-tag`, `ui-cell`, `ui-field`…) for markup written in a module rather
 * than through a kit component: `import '@/shared/ui/styles';` brings their CSS along.
 */
import './kit.css';
