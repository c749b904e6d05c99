#!/usr/bin/env node
import { main } from "./fake-tool.mjs";
main("kubectl");
