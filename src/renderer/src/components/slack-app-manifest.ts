/** The Slack app Admit signs in with, as a manifest an admin can create the app from. */
import manifest from '../../../../resources/slack-app-manifest.json' with { type: 'json' };

/** The manifest as an admin would paste it into "Create an app → From a manifest". */
export const slackAppManifestText = JSON.stringify(manifest, null, 2);

/** Slack's "create an app from this manifest" link: the manifest travels in the URL. */
export const slackAppManifestUrl = `https://api.slack.com/apps?new_app=1&manifest_json=${encodeURIComponent(
  JSON.stringify(manifest),
)}`;
