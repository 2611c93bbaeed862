export * from './generated/client';
export * from './prisma.module';
export * from './prisma.service';
