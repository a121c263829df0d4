// End-to-end journeys against the release build in dist/, in Debian's Chromium.
import { defineConfig } from "@playwright/test";

const port = 8090;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: `node scripts/serve-dist.mjs ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
    {
      // The same app under a sub-path, as GitLab Pages serves a project.
      command: `node scripts/serve-dist.mjs ${port + 1}`,
      env: { DIST_DIR: "target/dist-subpath", BASE_PATH: "/planner" },
      url: `http://127.0.0.1:${port + 1}/planner/`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
    {
      // A stand-in for a GitLab instance, on its own port so that the browser applies CORS.
      command: `node tests/e2e/support/gitlab-stand-in.mjs ${port + 2}`,
      url: `http://127.0.0.1:${port + 2}/`,
      reuseExistingServer: false,
      timeout: 15_000,
    },
  ],
});
