# One image for both LexFlow services: `lexflow api` and `lexflow worker` (see docker-compose.yml).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production LEXFLOW_MODE=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/process-templates/*.bpmn ./process-templates/
COPY --from=build /app/domain/passwords/common-passwords.txt ./domain/passwords/
USER node
EXPOSE 3000
ENTRYPOINT ["node", "dist/cli/lexflow.js"]
CMD ["api"]
