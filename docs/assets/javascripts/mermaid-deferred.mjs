// What mkdocs-mermaid2's page script receives when it imports Mermaid: the import map
// (overrides/partials/mermaid-importmap.html) points the plugin's import here. The plugin's
// initialize() arguments (mkdocs.yml, plugins > mermaid2 > arguments) are kept for
// diagrams.js, which imports the real Mermaid only when a diagram nears the viewport, so a
// page with a diagram does not parse Mermaid while it loads.
export const pluginArguments = {}

export default {
  initialize(config) {
    Object.assign(pluginArguments, config)
  },
}
