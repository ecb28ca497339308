/** Fluent's tooltip (with the positioning engine behind it) as its own chunk: see LazyTooltip. */
export { Tooltip as default } from '@fluentui/react-components';
