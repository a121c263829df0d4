// The recommendation as a GitLab Environment Toolkit starting configuration (issue 38): the
// downloaded zip read with unzip, HashiCorp's HCL parser and yaml, against GitLab's tables.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseHcl } from "@cdktf/hcl2json";
import YAML from "yaml";
import { openNewEngagement } from "./helpers.mjs";

const TABLES = JSON.parse(readFileSync("tests/fixtures/reference-architectures.json", "utf8")).sizes;
const PLACEHOLDER = "<set by Professional Services>";
const BUTTON = "Download GitLab Environment Toolkit starting configuration";
// GET 3.x's names (../shared/reference/gitlab-environment-toolkit.md), by GitLab's table keys.
const GET = {
  external_lb: "haproxy_external", consul: "consul", postgresql: "postgres", pgbouncer: "pgbouncer",
  internal_lb: "haproxy_internal", redis: "redis", redis_cache: "redis_cache", redis_persistent: "redis_persistent",
  gitaly: "gitaly", praefect: "praefect", praefect_postgresql: "praefect_postgres", sidekiq: "sidekiq",
  gitlab_rails: "gitlab_rails", monitoring: "monitor",
};
const POOLS = { webservice: "webservice_node_pool", sidekiq: "sidekiq_node_pool", supporting_services: "supporting_node_pool" };
const SUFFIX = { gcp: "_machine_type", aws: "_instance_type", azure: "_size" };
const INVENTORY = { gcp: ["gcp", "gcp_compute"], aws: ["aws_ec2", "aws_ec2"], azure: ["azure_rm", "azure.azcollection.azure_rm"] };
const BACKEND = { gcp: ["gcs", ["bucket"]], aws: ["s3", ["bucket", "region"]], azure: ["azurerm", ["resource_group_name", "storage_account_name", "container_name"]] };
// The module's settings other than the machines, as GET's examples give them.
const SETTINGS = {
  gcp: { prefix: "${var.prefix}", project: "${var.project}" },
  aws: { prefix: "${var.prefix}", ssh_public_key: "${file(var.ssh_public_key_file)}" },
  azure: {
    prefix: "${var.prefix}", resource_group_name: "${var.resource_group_name}", location: "${var.location}",
    vm_admin_username: "${var.vm_admin_username}", ssh_public_key: "${file(var.ssh_public_key_file_path)}", external_ip_type: "Standard",
  },
};
const EXTERNAL_IP = { gcp: ["haproxy_external_external_ips", "${var.external_ip}"], aws: ["haproxy_external_elastic_ip_allocation_ids", "${var.external_ip_allocation}"], azure: ["haproxy_external_external_ip_names", "${var.external_ip_name}"] };

/** Clicks the download, unzips it with unzip, and returns its files by path. */
async function download(page) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: BUTTON }).click()]);
  const dir = mkdtempSync(join(tmpdir(), "get-"));
  const zip = join(dir, file.suggestedFilename());
  await file.saveAs(zip);
  execFileSync("unzip", ["-q", zip, "-d", join(dir, "out")]);
  const paths = execFileSync("unzip", ["-Z1", zip]).toString().trim().split("\n");
  const [root] = readdirSync(join(dir, "out"));
  expect(paths.every((p) => p.startsWith(`${root}/`))).toBe(true);
  return { name: file.suggestedFilename(), paths: paths.map((p) => p.slice(root.length + 1)), read: (p) => readFileSync(join(dir, "out", root, p), "utf8") };
}

/** The download for `size` on `cloud`, every figure checked against GitLab's table. */
async function expectConfiguration(page, { size, cloud, hybrid = false }) {
  const prefix = "acme-corp";
  const files = await download(page);
  expect(files.name).toMatch(/^acme-corp-get-starting-configuration-\d{4}-\d{2}-\d{2}\.zip$/);
  const tf = `terraform/environments/${prefix}`;
  const inv = `ansible/environments/${prefix}/inventory`;
  const inventoryFile = `${inv}/${prefix}.${INVENTORY[cloud][0]}.yml`;
  expect(files.paths).toEqual(["README.md", `${tf}/main.tf`, `${tf}/variables.tf`, `${tf}/environment.tf`, `${inv}/vars.yml`, inventoryFile]);
  for (const path of files.paths) expect(files.read(path), path).not.toContain("hunter2");

  // Terraform: the module as GET names it, with exactly the table's machines.
  const hcl = (file) => parseHcl(file, files.read(`${tf}/${file}`));
  const module = (await hcl("environment.tf")).module[`gitlab_ref_arch_${cloud}`][0];
  const expected = { source: `../../modules/gitlab_ref_arch_${cloud}`, ...SETTINGS[cloud] };
  const machine = (type) => (cloud === "azure" ? `Standard_${type.replace(/ /g, "_")}` : type);
  const arch = hybrid ? TABLES[size].cloud_native_hybrid : TABLES[size].linux_package;
  for (const c of (hybrid ? arch.vm_components : arch.components).filter((c) => c.nodes)) {
    expected[`${GET[c.key]}_node_count`] = c.nodes;
    expected[`${GET[c.key]}${SUFFIX[cloud]}`] = machine(c[cloud]);
  }
  for (const pool of hybrid ? arch.kubernetes_node_pools : []) {
    expected[`${POOLS[pool.pool]}_count`] = pool[cloud].count;
    expected[`${POOLS[pool.pool]}${SUFFIX[cloud]}`] = pool[cloud].type;
  }
  if (!hybrid) expected[EXTERNAL_IP[cloud][0]] = [EXTERNAL_IP[cloud][1]];
  expect(module).toEqual(expected);

  // Every account, bucket and address left to Professional Services.
  const main = await hcl("main.tf");
  const [backend, fields] = BACKEND[cloud];
  const state = main.terraform[0].backend[backend][0];
  for (const field of fields) expect(state[field], field).toBe(PLACEHOLDER);
  const variables = (await hcl("variables.tf")).variable;
  expect(variables.prefix[0].default).toBe(prefix);
  for (const [name, [v]] of Object.entries(variables).filter(([n]) => n !== "prefix")) expect(v.default, name).toBe(PLACEHOLDER);

  // Ansible: settings, hybrid switches, and no secret.
  const vars = YAML.parse(files.read(`${inv}/vars.yml`)).all.vars;
  expect(vars).toMatchObject({ cloud_provider: cloud, prefix, external_url: PLACEHOLDER, ansible_ssh_private_key_file: PLACEHOLDER });
  const secrets = Object.keys(vars).filter((k) => /password|token|license|key/.test(k));
  expect(secrets).toEqual(expect.arrayContaining(["gitlab_root_password", "postgres_password", "redis_password", "gitlab_license_file"]));
  for (const secret of secrets) expect(vars[secret], secret).toBe(PLACEHOLDER);
  expect(vars.cloud_native_hybrid_environment).toBe(hybrid ? true : undefined);
  expect(vars.kubeconfig_setup).toBe(hybrid ? true : undefined);
  const inventory = YAML.parse(files.read(inventoryFile));
  expect(inventory.plugin).toBe(INVENTORY[cloud][1]);
  expect(JSON.stringify(inventory)).toContain(PLACEHOLDER);

  const readme = files.read("README.md");
  expect(readme).toContain(`${TABLES[size].name} (${size})`);
  expect(readme).toContain("A starting point for Professional Services' review");
  expect(readme).toContain(`Every \`${PLACEHOLDER}\``);
  return files;
}

test("the recommendation downloads as a GitLab Environment Toolkit configuration, per cloud and variant", async ({ page }) => {
  await openNewEngagement(page, "Acme Corp");
  await page.getByLabel("Internal notes", { exact: true }).fill("the root password is hunter2");
  await page.getByLabel("Current users").fill("8000");
  await expect(page.getByRole("button", { name: BUTTON })).toHaveCount(0);

  await test.step("10k, Linux package, AWS", async () => {
    await page.getByLabel("Target platform").selectOption({ label: "AWS" });
    await expectConfiguration(page, { size: "10k", cloud: "aws" });
    await expect(page.getByRole("status").filter({ hasText: "Downloaded acme-corp-get-starting-configuration-" })).toBeVisible();
  });
  await test.step("3k, Linux package, Azure", async () => {
    await page.getByLabel("Current users").fill("2500");
    await page.getByLabel("Target platform").selectOption({ label: "Azure" });
    await expectConfiguration(page, { size: "3k", cloud: "azure" });
  });
  await test.step("10k, Cloud Native Hybrid, GCP", async () => {
    await page.getByLabel("Current users").fill("8000");
    await page.getByLabel("Target platform").selectOption({ label: "GCP" });
    await page.getByLabel("Kubernetes expertise", { exact: true }).check();
    const files = await expectConfiguration(page, { size: "10k", cloud: "gcp", hybrid: true });
    expect(files.read("README.md")).toContain("no external HAProxy");
  });
  await test.step("no Cloud Native Hybrid on Azure: the Linux package, and the page says why", async () => {
    await page.getByLabel("Target platform").selectOption({ label: "Azure" });
    await expect(page.getByRole("note").filter({ hasText: "supports Cloud Native Hybrid on GCP and AWS only" })).toBeVisible();
    await expectConfiguration(page, { size: "10k", cloud: "azure" });
  });
});
