#!/usr/bin/env node
console.log("turbomlx");
